package dev.recsys.index.generations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.IndexService;
import dev.recsys.index.ServiceConfig;
import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.index.catalog.ItemFilter;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.index.catalog.sources.CatalogSource;
import dev.recsys.index.catalog.sources.LineError;
import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.ranker.json.CatalogItemJson;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalog generations end to end: the whole service on a real broker and real index directories,
 * reindexed and rolled back over the admin API while it serves. Tests share one service and run in a
 * fixed order (the restart test last).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZeroDowntimeReindexIT {
    private static final String TOKEN = "test-admin-token";
    private static final int CATALOG_SIZE = 300;
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path dir;

    private static IndexService service;
    private static HttpClient http;
    private static String base;
    private static List<CatalogItem> items;
    private static Path catalogFile;

    @BeforeAll
    static void startService() throws Exception {
        items = SampleCatalog.generate(CATALOG_SIZE, 11);
        catalogFile = dir.resolve("catalog.jsonl");
        CatalogFile.write(catalogFile, items);
        service = start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static IndexService start() throws Exception {
        IndexService started = new IndexService(ServiceConfig.parse(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--embedder",
                "hashed",
                "--http-port",
                "0",
                "--catalog",
                catalogFile.toString(),
                "--data",
                dir.resolve("data").toString(),
                "--catalog-dir",
                dir.toString(),
                "--admin-token",
                TOKEN));
        started.start();
        assertTrue(started.awaitReady(Duration.ofSeconds(60)), "service not ready: " + started.missing());
        base = "http://127.0.0.1:" + started.httpPort();
        return started;
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    // ---- HTTP helpers ------------------------------------------------------------------------

    private record Answer(int status, JsonNode body) {}

    private static Answer send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(builder.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), Json.MAPPER.readTree(response.body()));
    }

    private static Answer admin(String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(
                method.equals("GET")
                        ? builder.GET()
                        : builder.header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)));
    }

    private static Answer get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    private static JsonNode awaitJob(String job) throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Answer answer = admin("GET", "/v1/admin/reindex/" + job, null, TOKEN);
            assertEquals(200, answer.status(), answer.body().toString());
            if (!answer.body().path("state").asText().equals("running")) {
                return answer.body();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + job + " did not finish in " + JOB_TIMEOUT);
    }

    private static JsonNode reindexJsonl(Path file, double maxErrorRatio) throws Exception {
        Answer started = admin(
                "POST",
                "/v1/admin/reindex",
                "{\"source\":" + Json.MAPPER.writeValueAsString(file.toString())
                        + ",\"format\":\"jsonl\",\"maxErrorRatio\":" + maxErrorRatio + "}",
                TOKEN);
        assertEquals(202, started.status(), started.body().toString());
        assertTrue(started.body()
                .path("href")
                .asText()
                .endsWith(started.body().path("job").asText()));
        return awaitJob(started.body().path("job").asText());
    }

    private static long liveGeneration() {
        return service.catalog().generation();
    }

    private static Optional<CatalogItem> liveItem(String itemId) {
        try (CatalogLease lease = service.catalog().acquire()) {
            return lease.index().item(itemId);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** A source over a list whose indexing pass stops after its first item until released. */
    private static final class HeldSource implements CatalogSource {
        final List<CatalogItem> items;
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private int passes;

        HeldSource(List<CatalogItem> items) {
            this.items = items;
        }

        @Override
        public String description() {
            return "held test source";
        }

        @Override
        public long estimatedSize() {
            return items.size();
        }

        @Override
        public void read(Consumer<CatalogItem> out, Consumer<LineError> errors) {
            boolean hold = ++passes == 2;
            for (int i = 0; i < items.size(); i++) {
                out.accept(items.get(i));
                if (hold && i == 0) {
                    holding.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }

    // ---- tests -------------------------------------------------------------------------------

    @Test
    @Order(1)
    void adminEndpointsAnswer401WithoutAndThe403WithAWrongToken() throws Exception {
        Answer without = admin("GET", "/v1/admin/status", null, null);
        assertEquals(401, without.status());
        assertEquals("unauthorized", without.body().path("error").asText());
        Answer wrong = admin("GET", "/v1/admin/status", null, "not-the-token");
        assertEquals(403, wrong.status());
        assertEquals(401, admin("POST", "/v1/admin/reindex", "{}", null).status());
        assertEquals(403, admin("POST", "/v1/admin/rollback", "", "nope").status());

        Answer status = admin("GET", "/v1/admin/status", null, TOKEN);
        assertEquals(200, status.status(), status.body().toString());
        assertEquals(1, status.body().path("live").path("generation").asLong());
        assertEquals(CATALOG_SIZE, status.body().path("live").path("items").asLong());
        assertTrue(status.body().path("live").path("bytesOnDisk").asLong() > 0);
        assertTrue(status.body().path("catalogTopic").has("malformed"));
    }

    @Test
    @Order(2)
    void badReindexRequestsName400TheField() throws Exception {
        Answer noFormat = admin("POST", "/v1/admin/reindex", "{\"source\":\"x\"}", TOKEN);
        assertEquals(400, noFormat.status());
        assertEquals("format", noFormat.body().path("field").asText());
        Answer missing =
                admin("POST", "/v1/admin/reindex", "{\"source\":\"/no/such/file\",\"format\":\"jsonl\"}", TOKEN);
        assertEquals(400, missing.status());
        assertEquals("source", missing.body().path("field").asText());
        Answer ratio =
                admin("POST", "/v1/admin/reindex", "{\"format\":\"generated\",\"count\":5,\"maxErrorRatio\":2}", TOKEN);
        assertEquals("maxErrorRatio", ratio.body().path("field").asText());
        Answer embedder = admin("POST", "/v1/admin/reindex", "{\"format\":\"live\",\"embedder\":\"bert\"}", TOKEN);
        assertEquals(400, embedder.status());
        assertEquals("embedder", embedder.body().path("field").asText());
        assertEquals(
                404, admin("GET", "/v1/admin/reindex/no-such-job", null, TOKEN).status());
    }

    @Test
    @Order(3)
    void malformedLinesAreReportedWithLineNumbersAndFailTheJobAboveTheRatio() throws Exception {
        long before = liveGeneration();
        List<String> lines = new ArrayList<>();
        for (CatalogItem item : items.subList(0, 40)) {
            lines.add(CatalogItemJson.write(item));
        }
        lines.set(4, "{not json");
        ObjectNode noPrice = CatalogItemJson.toNode(items.get(9));
        noPrice.put("price", -3);
        lines.set(9, noPrice.toString());
        Path file = dir.resolve("bad.jsonl");
        Files.write(file, lines);

        JsonNode failed = reindexJsonl(file, 0.01);
        assertEquals("failed", failed.path("state").asText(), failed.toString());
        assertEquals(2, failed.path("rejected").asLong());
        assertEquals(5, failed.path("errors").get(0).path("line").asLong(), failed.toString());
        assertEquals(10, failed.path("errors").get(1).path("line").asLong(), failed.toString());
        assertEquals("price", failed.path("errors").get(1).path("field").asText(), failed.toString());
        assertTrue(failed.path("failure").asText().contains("maxErrorRatio"), failed.toString());
        assertEquals(before, liveGeneration(), "the live generation stays");
        long failedGeneration = failed.path("generation").asLong();
        assertFalse(Files.exists(service.reindexer().store().directory(failedGeneration)), "its directory is gone");
        assertEquals(CATALOG_SIZE, get("/readyz").body().path("items").asLong());
    }

    @Test
    @Order(4)
    void aSecondReindexOrARollbackWhileOneRunsIs409() throws Exception {
        HeldSource held = new HeldSource(items);
        ReindexJob job = service.reindexer().start(held, 0.01);
        try {
            assertTrue(held.holding.await(30, TimeUnit.SECONDS));
            Answer second = admin("POST", "/v1/admin/reindex", "{\"format\":\"generated\",\"count\":10}", TOKEN);
            assertEquals(409, second.status(), second.body().toString());
            assertEquals("conflict", second.body().path("error").asText());
            assertEquals(409, admin("POST", "/v1/admin/rollback", "", TOKEN).status());
            Answer status = admin("GET", "/v1/admin/status", null, TOKEN);
            assertEquals(job.id(), status.body().path("job").path("job").asText());
        } finally {
            held.release.countDown();
        }
        JsonNode done = awaitJob(job.id());
        assertEquals("succeeded", done.path("state").asText(), done.toString());
    }

    @Test
    @Order(5)
    void catalogTopicUpsertsAndDeletesMadeDuringARebuildSurviveTheSwap() throws Exception {
        CatalogItem renamed = items.get(20);
        CatalogItem deleted = items.get(21);
        HeldSource held = new HeldSource(items);
        ReindexJob job = service.reindexer().start(held, 0.01);
        assertTrue(held.holding.await(30, TimeUnit.SECONDS));

        ObjectNode added = CatalogItemJson.toNode(items.get(22));
        added.put("itemId", "added-during-rebuild");
        added.put("title", "Quokka Lantern");
        kafka.produce(Topics.CATALOG, "added-during-rebuild", added.toString());
        ObjectNode changed = CatalogItemJson.toNode(renamed);
        changed.put("title", "Zeppelin Teapot");
        kafka.produce(Topics.CATALOG, renamed.itemId(), changed.toString());
        kafka.produce(Topics.CATALOG, deleted.itemId(), null);
        kafka.produce(Topics.CATALOG, "broken", "{\"itemId\":\"broken\"}");
        await(
                () -> liveItem("added-during-rebuild").isPresent()
                        && liveItem(deleted.itemId()).isEmpty(),
                "the follower to apply the changes to the live generation");

        held.release.countDown();
        JsonNode done = awaitJob(job.id());
        assertEquals("succeeded", done.path("state").asText(), done.toString());
        assertEquals(job.generation(), liveGeneration());
        assertTrue(done.path("caughtUp").asLong() >= 3, done.toString());

        assertEquals(
                "Quokka Lantern", liveItem("added-during-rebuild").orElseThrow().title());
        assertEquals("Zeppelin Teapot", liveItem(renamed.itemId()).orElseThrow().title());
        assertTrue(liveItem(deleted.itemId()).isEmpty(), "a delete during the rebuild is not resurrected");
        try (CatalogLease lease = service.catalog().acquire()) {
            assertEquals(
                    renamed.itemId(),
                    lease.index()
                            .search("zeppelin teapot", 1, ItemFilter.NONE)
                            .getFirst()
                            .itemId());
        }
        Answer status = admin("GET", "/v1/admin/status", null, TOKEN);
        assertTrue(
                status.body().path("catalogTopic").path("malformed").asLong() >= 1,
                status.body().toString());

        // After the swap the follower keeps applying to the new generation.
        kafka.produce(Topics.CATALOG, renamed.itemId(), null);
        await(() -> liveItem(renamed.itemId()).isEmpty(), "a delete after the swap");
    }

    @Test
    @Order(6)
    void swapsAndARollbackUnderConcurrentQueriesFailNoQuery() throws Exception {
        String query = URLEncoder.encode(items.get(0).title(), StandardCharsets.UTF_8);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong answered = new AtomicLong();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String path = t % 2 == 0 ? "/v1/search?k=10&q=" + query : "/v1/feed?k=10&user=client-" + t;
            clients.add(Thread.ofPlatform().name("client-" + t).start(() -> {
                while (running.get()) {
                    try {
                        Answer answer = get(path);
                        if (answer.status() != 200) {
                            failures.add(path + " -> " + answer.status() + " " + answer.body());
                        } else if (answer.body().path("items").isEmpty()) {
                            failures.add(path + " -> empty " + answer.body());
                        }
                        answered.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(path + " -> " + e);
                    }
                }
            }));
        }
        try {
            long first = liveGeneration();
            JsonNode one = reindexJsonl(catalogFile, 0.01);
            assertEquals("succeeded", one.path("state").asText(), one.toString());
            JsonNode two = reindexJsonl(catalogFile, 0.01);
            assertEquals("succeeded", two.path("state").asText(), two.toString());
            assertTrue(two.path("generation").asLong() > first);
            Answer rollback = admin("POST", "/v1/admin/rollback", "", TOKEN);
            assertEquals(200, rollback.status(), rollback.body().toString());
            assertEquals(
                    one.path("generation").asLong(),
                    rollback.body().path("live").asLong());
            assertEquals(
                    two.path("generation").asLong(),
                    rollback.body().path("previous").asLong());
            Thread.sleep(300);
        } finally {
            running.set(false);
            for (Thread client : clients) {
                client.join(10_000);
            }
        }
        assertTrue(
                failures.isEmpty(),
                failures.size() + " failed queries, e.g. "
                        + failures.stream().limit(3).toList());
        assertTrue(answered.get() > 20, "queries ran meanwhile: " + answered.get());
    }

    @Test
    @Order(7)
    void rollbackRestoresThePreviousGenerationsContent() throws Exception {
        await(() -> service.reindexer().running().isEmpty(), "no job");
        long before = liveGeneration();
        Path small = dir.resolve("small.jsonl");
        List<CatalogItem> fewer = new ArrayList<>(items.subList(0, 100));
        CatalogFile.write(small, fewer);
        // Publishing the rolled-back generation's vectors may still run; it finishes quickly.
        JsonNode job = null;
        for (int attempt = 0; attempt < 100 && job == null; attempt++) {
            Answer started = admin(
                    "POST",
                    "/v1/admin/reindex",
                    "{\"source\":" + Json.MAPPER.writeValueAsString(small.toString()) + ",\"format\":\"jsonl\"}",
                    TOKEN);
            if (started.status() == 202) {
                job = awaitJob(started.body().path("job").asText());
            } else {
                assertEquals(409, started.status());
                Thread.sleep(100);
            }
        }
        assertEquals("succeeded", job.path("state").asText(), job.toString());
        assertEquals(100, get("/readyz").body().path("items").asLong());
        assertTrue(liveItem(items.get(250).itemId()).isEmpty());

        Answer rollback = admin("POST", "/v1/admin/rollback", "", TOKEN);
        assertEquals(200, rollback.status(), rollback.body().toString());
        assertEquals(before, liveGeneration());
        assertTrue(liveItem(items.get(250).itemId()).isPresent(), "the previous generation's items are back");
        assertNotEquals(100, get("/readyz").body().path("items").asLong());
    }

    @Test
    @Order(8)
    void restartOpensTheLiveGenerationWithoutRebuildingAndDeletesAPartialOne() throws Exception {
        await(() -> service.reindexer().running().isEmpty(), "no job");
        long live = liveGeneration();
        int size;
        try (CatalogLease lease = service.catalog().acquire()) {
            size = lease.index().size();
        }
        GenerationStore store = service.reindexer().store();
        service.close();

        // A crash mid-rebuild leaves a directory without the READY marker.
        Path partial = store.directory(live + 50);
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("_0.cfs"), "half a segment");

        service = start();
        assertEquals(live, liveGeneration(), "the CURRENT generation serves again");
        try (CatalogLease lease = service.catalog().acquire()) {
            assertEquals(size, lease.index().size());
        }
        assertTrue(service.reindexer().last().isEmpty(), "nothing was rebuilt");
        assertFalse(Files.exists(partial), "the partial generation was deleted");

        // The follower resumes from the stored offsets: a new change applies, old ones are not re-counted.
        kafka.produce(Topics.CATALOG, items.get(30).itemId(), null);
        await(() -> liveItem(items.get(30).itemId()).isEmpty(), "a delete after the restart");
        assertEquals(1, service.follower().appliedCount(), "only the new record was applied");
    }
}
