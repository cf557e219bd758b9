package dev.recsys.index.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.index.generations.GenerationStore;
import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.infra.net.LocalPorts;
import dev.recsys.infra.process.ChildJvm;
import dev.recsys.ranker.json.CatalogItemJson;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index service killed outright ({@code kill -9}) while a reindex is writing a new generation comes
 * back, with the same command line, on the generation that was live: same items, catalog-topic changes
 * included, no half-built generation left on disk, and it can reindex again. The real service in a JVM
 * of its own, on a real broker.
 */
class ServiceKilledDuringReindexIT {

    private static final String TOKEN = "reindex-test-token";
    private static final int LIVE_ITEMS = 500;
    /** Large and slow enough that the indexing phase lasts several seconds. */
    private static final int REINDEX_ITEMS = 3_000;

    private static final int ITEMS_PER_SECOND = 400;
    private static final Duration READY = Duration.ofSeconds(60);

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    /** Kept when the test fails: the service's log and data are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private ChildJvm service;

    @AfterEach
    void stopService() {
        if (service != null) {
            service.stop(Duration.ofSeconds(15));
        }
    }

    @Test
    void serviceKilledMidReindexComesBackOnTheLiveGenerationAndReindexesAgain() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(LIVE_ITEMS, 5);
        Path catalog = dir.resolve("catalog.jsonl");
        CatalogFile.write(catalog, items);
        Path data = dir.resolve("service");
        int port = LocalPorts.pickFree(1)[0];
        ChildJvm.Builder command = ChildJvm.builder("index-service", "dev.recsys.index.ServiceMain")
                .classpath(System.getProperty("java.class.path"))
                .jvmOptions(List.of("--add-modules=jdk.incubator.vector", "-Xmx512m"))
                .args(
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--embedder",
                        "hashed",
                        "--http-port",
                        Integer.toString(port),
                        "--bind-address",
                        "127.0.0.1",
                        "--catalog",
                        catalog.toString(),
                        "--data",
                        data.toString(),
                        "--admin-token",
                        TOKEN)
                .logFile(dir.resolve("index-service.log"));
        ServiceClient http = new ServiceClient(port, TOKEN);

        service = command.build().start();
        awaitReady(http);
        CatalogItem renamed = items.get(7);
        ObjectNode update = CatalogItemJson.toNode(renamed);
        update.put("title", "Zeppelin Teapot");
        kafka.produce(Topics.CATALOG, renamed.itemId(), update.toString());
        Poll.until(Duration.ofSeconds(30), () -> "the catalog-topic update to be applied", () -> "Zeppelin Teapot"
                .equals(http.get("/v1/items/" + renamed.itemId())
                        .body()
                        .path("title")
                        .asText()));
        JsonNode live = http.getAsAdmin("/v1/admin/status").body().path("live");
        assertEquals(1, live.path("generation").asLong(), live.toString());
        assertEquals(LIVE_ITEMS, live.path("items").asLong(), live.toString());

        String job = startReindex(http, REINDEX_ITEMS, ITEMS_PER_SECOND);
        JsonNode indexing = Poll.forValue(Duration.ofSeconds(30), () -> "the reindex to be indexing", () -> Optional.of(
                        http.getAsAdmin("/v1/admin/reindex/" + job).body())
                .filter(j -> j.path("phase").asText().equals("indexing")
                        && j.path("indexed").asLong() >= ITEMS_PER_SECOND));
        long building = indexing.path("generation").asLong();
        Path buildDir = data.resolve("index").resolve(String.format("gen-%08d", building));
        assertTrue(Files.isDirectory(buildDir), "the new generation is being written to " + buildDir);
        ProcessHandle.of(service.pid()).orElseThrow().destroyForcibly();
        assertEquals(137, service.awaitExit(Duration.ofSeconds(10)).orElseThrow(), "killed by SIGKILL");
        assertFalse(Files.exists(buildDir.resolve(GenerationStore.READY)), "the kill came before the build ended");

        service = command.build().start();
        awaitReady(http);
        JsonNode restarted = http.getAsAdmin("/v1/admin/status").body().path("live");
        assertEquals(1, restarted.path("generation").asLong(), restarted.toString());
        assertEquals(LIVE_ITEMS, restarted.path("items").asLong(), restarted.toString());
        assertEquals(
                "Zeppelin Teapot",
                http.get("/v1/items/" + renamed.itemId()).body().path("title").asText(),
                "the catalog-topic update made before the kill");
        assertEquals(List.of("gen-00000001"), generationDirectories(data), "no half-built generation is left");

        String again = startReindex(http, 800, 0);
        JsonNode done = Poll.forValue(
                Duration.ofSeconds(60), () -> "the reindex after the restart to finish", () -> Optional.of(
                                http.getAsAdmin("/v1/admin/reindex/" + again).body())
                        .filter(j -> !j.path("state").asText().equals("running")));
        assertEquals("succeeded", done.path("state").asText(), done.toString());
        JsonNode swapped = http.getAsAdmin("/v1/admin/status").body().path("live");
        assertEquals(
                done.path("generation").asLong(), swapped.path("generation").asLong(), swapped.toString());
        assertEquals(800, swapped.path("items").asLong(), swapped.toString());
    }

    private void awaitReady(ServiceClient http) throws InterruptedException {
        Poll.until(READY, () -> "the service to be ready; its log:\n" + service.tailOfLog(30), () -> {
            if (!service.isAlive()) {
                fail("the service exited with code " + service.exitCode().orElse(-1) + ":\n" + service.tailOfLog(40));
            }
            return http.isReady();
        });
    }

    private static String startReindex(ServiceClient http, int count, int itemsPerSecond) throws Exception {
        ServiceClient.Answer answer = http.postAsAdmin(
                "/v1/admin/reindex",
                "{\"format\":\"generated\",\"count\":" + count + ",\"maxItemsPerSecond\":" + itemsPerSecond + "}");
        assertEquals(202, answer.status(), String.valueOf(answer.body()));
        return answer.body().path("job").asText();
    }

    private static List<String> generationDirectories(Path data) throws Exception {
        try (Stream<Path> entries = Files.list(data.resolve("index"))) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith("gen-"))
                    .sorted()
                    .toList();
        }
    }
}
