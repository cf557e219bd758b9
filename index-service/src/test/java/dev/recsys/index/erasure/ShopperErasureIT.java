package dev.recsys.index.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.index.IndexService;
import dev.recsys.index.ServiceConfig;
import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.index.generations.CatalogLease;
import dev.recsys.index.users.SimilarShopper;
import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.infra.metrics.PrometheusText;
import dev.recsys.ranker.json.ErasureJson;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.Erasure;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.Topics;
import dev.recsys.ranker.records.UserVectors;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DELETE /v1/admin/users/{id}} against the whole service and a real broker. The stream job is
 * not running: the tests write {@code user-vectors} records and tombstones themselves, as the job would
 * before and after an erasure.
 */
class ShopperErasureIT {
    private static final String TOKEN = "erasure-test-token";
    private static final Duration AT_ONCE = Duration.ofSeconds(2);
    private static final Duration TOPIC_ROUND_TRIP = Duration.ofSeconds(20);

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path dir;

    private static ServiceConfig config;
    private static IndexService service;
    private static String base;
    private static List<CatalogItem> items;
    private static KafkaProducer<String, String> producer;
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        items = SampleCatalog.generate(200, 9).stream()
                .filter(CatalogItem::inStock)
                .toList();
        Path catalog = dir.resolve("catalog.jsonl");
        CatalogFile.write(catalog, items);
        config = ServiceConfig.parse(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--embedder",
                "hashed",
                "--http-port",
                "0",
                "--catalog",
                catalog.toString(),
                "--data",
                dir.resolve("data").toString(),
                "--admin-token",
                TOKEN);
        startService();
        producer = new KafkaProducer<>(kafka.producerProperties());
    }

    private static void startService() throws Exception {
        service = new IndexService(config);
        service.start();
        assertTrue(service.awaitReady(Duration.ofSeconds(60)), "not ready: " + service.missing());
        base = "http://127.0.0.1:" + service.httpPort();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (service != null) {
            service.close();
        }
    }

    private record Answer(int status, JsonNode body) {}

    private static Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElse(""),
                "every answer is JSON: " + response.body());
        return new Answer(response.statusCode(), Json.MAPPER.readTree(response.body()));
    }

    private static Answer delete(String userId, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/admin/users/" + userId))
                .DELETE();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private static Answer get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Authorization", "Bearer " + TOKEN)
                .GET());
    }

    /** Asks until the answer satisfies {@code done} or the time is up; returns the last answer. */
    private static Answer await(String pathAndQuery, Predicate<Answer> done, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Answer answer = get(pathAndQuery);
        while (!done.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            answer = get(pathAndQuery);
        }
        return answer;
    }

    private static void assertError(Answer answer, int status, String error, String field) {
        assertEquals(status, answer.status(), answer.body().toString());
        assertEquals(error, answer.body().path("error").asText(), answer.body().toString());
        assertFalse(
                answer.body().path("message").asText().isBlank(), answer.body().toString());
        assertEquals(
                field == null ? "" : field,
                answer.body().path("field").asText(""),
                answer.body().toString());
    }

    private static float[] contentOf(CatalogItem item) {
        try (CatalogLease lease = service.catalog().acquire()) {
            return lease.index().contentVector(item.itemId());
        }
    }

    /** A shopper who viewed {@code seen}, with its content vector as theirs, and an optional CF vector. */
    private static UserVectors shopper(String userId, long version, CatalogItem seen, float[] cf) {
        return new UserVectors(
                userId,
                version,
                System.currentTimeMillis(),
                System.currentTimeMillis(),
                contentOf(seen),
                cf,
                List.of(new RecentInteraction(seen.itemId(), EventType.VIEW, System.currentTimeMillis())),
                Map.of("view", version));
    }

    /** Writes a {@code user-vectors} record, or a tombstone for {@code null}, as the stream job does. */
    private static void produce(String userId, UserVectors vectors) throws Exception {
        String value = vectors == null ? null : UserVectorsJson.write(vectors);
        producer.send(new ProducerRecord<>(Topics.USER_VECTORS, userId, value)).get(30, TimeUnit.SECONDS);
    }

    /** Writes the shopper's record and waits until the service serves it. */
    private static void produceAndAwait(UserVectors vectors) throws Exception {
        produce(vectors.userId(), vectors);
        Answer user = await(
                "/v1/users/" + vectors.userId(),
                a -> a.status() == 200 && a.body().path("version").asLong() == vectors.version(),
                TOPIC_ROUND_TRIP);
        assertEquals(200, user.status(), user.body().toString());
    }

    private static long erasedRecords() throws Exception {
        return get("/readyz").body().path("userVectorsErased").asLong();
    }

    private static PrometheusText scrape() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return PrometheusText.parse(response.body());
    }

    @Test
    void deletingAShopperNeedsTheAdminTokenAndAValidId() throws Exception {
        assertError(delete("token-shopper", null), 401, "unauthorized", null);
        assertError(delete("token-shopper", "wrong-token"), 403, "forbidden", null);
        assertError(delete("%20", TOKEN), 400, "bad_request", "userId");
        assertError(delete("x".repeat(129), TOKEN), 400, "bad_request", "userId");
        assertError(delete("a/b", TOKEN), 404, "not_found", null);

        List<ConsumerRecord<String, String>> erasures = kafka.consume(Topics.ERASURES, 0, Duration.ofSeconds(10));
        assertTrue(
                erasures.stream()
                        .noneMatch(
                                r -> r.key().equals("token-shopper") || r.key().isBlank()),
                "a refused request recorded an erasure");
    }

    @Test
    void aKnownAndAnUnknownShopperGetTheSameAnswerAndBothErasuresAreRecorded() throws Exception {
        produceAndAwait(shopper("known-shopper", 2, items.get(1), null));

        long before = System.currentTimeMillis();
        Answer known = delete("known-shopper", TOKEN);
        Answer unknown = delete("never-seen-shopper", TOKEN);
        long after = System.currentTimeMillis();

        for (Answer answer : List.of(known, unknown)) {
            assertEquals(202, answer.status(), answer.body().toString());
            long erasedAt = answer.body().path("erasedAt").asLong();
            assertTrue(erasedAt >= before && erasedAt <= after, answer.body().toString());
        }
        assertEquals(fieldNames(known.body()), fieldNames(unknown.body()));
        assertEquals(known.body().path("status"), unknown.body().path("status"));
        assertEquals(known.body().path("message"), unknown.body().path("message"));
        assertEquals("known-shopper", known.body().path("userId").asText());
        assertEquals("never-seen-shopper", unknown.body().path("userId").asText());

        Map<String, Erasure> recorded = new HashMap<>();
        long deadline = System.nanoTime() + TOPIC_ROUND_TRIP.toNanos();
        while (recorded.size() < 2 && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : kafka.consume(Topics.ERASURES, 0, Duration.ofSeconds(10))) {
                if (record.key().equals("known-shopper") || record.key().equals("never-seen-shopper")) {
                    recorded.put(record.key(), ErasureJson.parse(record.value()));
                }
            }
        }
        assertEquals(
                new Erasure("known-shopper", known.body().path("erasedAt").asLong()), recorded.get("known-shopper"));
        assertEquals(
                new Erasure(
                        "never-seen-shopper", unknown.body().path("erasedAt").asLong()),
                recorded.get("never-seen-shopper"));

        Answer again = delete("known-shopper", TOKEN);
        assertEquals(202, again.status(), "erasing again is accepted the same way");
        assertEquals(fieldNames(known.body()), fieldNames(again.body()));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anErasedShopperIsGoneAtOnceAndGetsAColdStartFeedWithoutTheirHistory() throws Exception {
        produceAndAwait(shopper("erase-me", 4, items.get(2), null));
        Answer personal = get("/v1/feed?user=erase-me&k=10");
        assertFalse(
                personal.body().path("coldStart").asBoolean(), personal.body().toString());
        double erasuresBefore = scrape().value("recsys_erasures_total");

        assertEquals(202, delete("erase-me", TOKEN).status());
        Answer user = await("/v1/users/erase-me", a -> a.status() == 404, AT_ONCE);
        assertError(user, 404, "not_found", null);

        JsonNode feed = get("/v1/feed?user=erase-me&k=10").body();
        assertTrue(feed.path("coldStart").asBoolean(), feed.toString());
        assertTrue(feed.path("profileVersion").isNull(), feed.toString());
        assertEquals(10, feed.path("items").size());
        for (JsonNode item : feed.path("items")) {
            assertEquals(0, item.path("because").size(), "nothing of their history explains anything: " + item);
        }

        assertEquals(erasuresBefore + 1, scrape().value("recsys_erasures_total"));
        assertEquals("counter", scrape().types.get("recsys_erasures_total"));
        assertTrue(get("/v1/admin/status").body().path("erasures").path("known").asInt() >= 1);
    }

    @Test
    void aRecordFromBeforeTheErasureArrivingAfterTheDeleteIsIgnored() throws Exception {
        produceAndAwait(shopper("in-flight", 5, items.get(3), null));
        assertEquals(202, delete("in-flight", TOKEN).status());
        long refused = erasedRecords();

        produce("in-flight", shopper("in-flight", 6, items.get(3), null));
        long deadline = System.nanoTime() + TOPIC_ROUND_TRIP.toNanos();
        while (erasedRecords() == refused && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(refused + 1, erasedRecords(), "the service read the record and refused it");
        assertError(get("/v1/users/in-flight"), 404, "not_found", null);
        assertTrue(get("/v1/feed?user=in-flight&k=5").body().path("coldStart").asBoolean());
    }

    @Test
    void theProfileStartedAfterTheErasureIsServedAndATombstoneRemovesIt() throws Exception {
        produceAndAwait(shopper("reborn", 7, items.get(4), null));
        Answer erased = delete("reborn", TOKEN);
        long erasedAt = erased.body().path("erasedAt").asLong();

        produce("reborn", shopper("reborn", 1, items.get(5), null).withErasedUpTo(erasedAt));
        Answer user = await("/v1/users/reborn", a -> a.status() == 200, TOPIC_ROUND_TRIP);
        assertEquals(200, user.status(), user.body().toString());
        assertEquals(1, user.body().path("version").asLong());
        assertEquals(
                items.get(5).itemId(),
                user.body().path("recent").get(0).path("itemId").asText());
        JsonNode feed = get("/v1/feed?user=reborn&k=5").body();
        assertFalse(feed.path("coldStart").asBoolean(), feed.toString());
        assertEquals(1, feed.path("profileVersion").asLong());

        produce("reborn", null);
        assertError(await("/v1/users/reborn", a -> a.status() == 404, TOPIC_ROUND_TRIP), 404, "not_found", null);
    }

    @Test
    void theErasedShopperIsProposedAsASimilarShopperToNoOne() throws Exception {
        CatalogItem bought = items.get(20);
        UserVectors erased = new UserVectors(
                "similar-erased",
                3,
                System.currentTimeMillis(),
                System.currentTimeMillis(),
                contentOf(items.get(21)),
                new float[] {1, 0, 0, 0},
                List.of(new RecentInteraction(bought.itemId(), EventType.PURCHASE, System.currentTimeMillis())),
                Map.of("purchase", 1L));
        UserVectors asking = shopper("similar-asking", 2, items.get(22), new float[] {0.9f, 0.1f, 0, 0});
        produceAndAwait(erased);
        produceAndAwait(asking);
        String shoppersOnly =
                "/v1/feed?user=similar-asking&k=20&w.cf=0&w.content=0&w.popularity=0&w.recent=0" + "&w.shoppers=10";
        assertTrue(
                proposedBySimilarShoppers(get(shoppersOnly).body()).contains(bought.itemId()),
                "the erased shopper's purchase was proposed to a similar shopper before");

        assertEquals(202, delete("similar-erased", TOKEN).status());
        assertEquals(
                List.of(), proposedBySimilarShoppers(get(shoppersOnly).body()), "the only similar shopper was erased");
        List<String> neighbours = service.users().shoppers().nearest(asking.cf(), 10, "similar-asking").stream()
                .map(SimilarShopper::userId)
                .toList();
        assertFalse(neighbours.contains("similar-erased"), neighbours.toString());
    }

    private static List<String> proposedBySimilarShoppers(JsonNode feed) {
        List<String> proposed = new ArrayList<>();
        for (JsonNode item : feed.path("items")) {
            for (JsonNode origin : item.path("origins")) {
                if (origin.asText().equals("similar-shoppers")) {
                    proposed.add(item.path("itemId").asText());
                }
            }
        }
        return proposed;
    }

    @Test
    void aRestartedServiceReadingTheTopicsAgainServesNoErasedShoppersOldVectors() throws Exception {
        for (int version = 1; version <= 3; version++) {
            produce("restart-erased", shopper("restart-erased", version, items.get(6), null));
        }
        produceAndAwait(shopper("restart-erased", 4, items.get(6), null));
        assertEquals(202, delete("restart-erased", TOKEN).status());
        produceAndAwait(shopper("restart-reborn", 9, items.get(7), null));
        long erasedAt = delete("restart-reborn", TOKEN).body().path("erasedAt").asLong();
        produceAndAwait(shopper("restart-reborn", 1, items.get(8), null).withErasedUpTo(erasedAt));

        service.close();
        startService();

        assertError(get("/v1/users/restart-erased"), 404, "not_found", null);
        assertTrue(
                get("/v1/feed?user=restart-erased&k=5").body().path("coldStart").asBoolean());
        Answer reborn = get("/v1/users/restart-reborn");
        assertEquals(200, reborn.status(), reborn.body().toString());
        assertEquals(1, reborn.body().path("version").asLong());

        // Every record of an erased shopper from before the erasure was refused while reading the topic
        // again: the erasures were known before the first user-vectors record was applied.
        Map<String, Long> erasures = new HashMap<>();
        for (ConsumerRecord<String, String> record : kafka.consume(Topics.ERASURES, 0, TOPIC_ROUND_TRIP)) {
            erasures.merge(record.key(), ErasureJson.parse(record.value()).erasedAt(), Math::max);
        }
        long fromBeforeAnErasure = 0;
        for (ConsumerRecord<String, String> record : kafka.consume(Topics.USER_VECTORS, 0, TOPIC_ROUND_TRIP)) {
            Long at = erasures.get(record.key());
            if (record.value() != null
                    && at != null
                    && UserVectorsJson.parse(record.value()).erasedUpTo() < at) {
                fromBeforeAnErasure++;
            }
        }
        assertTrue(fromBeforeAnErasure >= 5, "restart-erased's four and restart-reborn's one at least");
        assertEquals(fromBeforeAnErasure, erasedRecords());
        assertEquals(
                erasures.size(),
                get("/v1/admin/status").body().path("erasures").path("known").asInt());
    }
}
