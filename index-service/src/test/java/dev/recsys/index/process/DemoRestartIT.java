package dev.recsys.index.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.infra.net.LocalPorts;
import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./recsys demo} stopped with Ctrl-C and started again keeps every shopper: the broker, the
 * stream job and the index service all carry on from the demo's data folder. With the real broker,
 * job and service, each in its own JVM under the real launcher.
 */
class DemoRestartIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration VECTORS = Duration.ofSeconds(60);

    /** Shoppers of this test and how many events each gets before the restart. */
    private static final Map<String, Integer> SHOPPERS =
            Map.of("returning-shopper-1", 2, "returning-shopper-2", 3, "returning-shopper-3", 4);

    /** Kept when the test fails: the demo's logs are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private Path catalog;
    private List<CatalogItem> items;

    @BeforeEach
    void writeCatalog() throws Exception {
        items = SampleCatalog.generate(600, 7);
        catalog = dir.resolve("catalog.jsonl");
        CatalogFile.write(catalog, items);
    }

    @Test
    void restartedDemoKeepsEveryShopperAndFreshStartsWithNone() throws Exception {
        Path data = dir.resolve("demo");
        Map<String, JsonNode> before = new LinkedHashMap<>();
        try (DemoLauncher demo = DemoLauncher.start(data, catalog, dir.resolve("first-run.out"))) {
            demo.awaitReady(START);
            int item = 0;
            for (Map.Entry<String, Integer> shopper : SHOPPERS.entrySet()) {
                for (int i = 0; i < shopper.getValue(); i++) {
                    demo.service().postView(shopper.getKey() + "-" + i, shopper.getKey(), itemId(item++));
                }
            }
            for (Map.Entry<String, Integer> shopper : SHOPPERS.entrySet()) {
                before.put(shopper.getKey(), awaitVersion(demo, shopper.getKey(), shopper.getValue()));
            }
            Poll.until(
                    VECTORS,
                    () -> "a completed checkpoint of the stream job in " + data,
                    () -> hasCompletedCheckpoint(data.resolve("ingest/checkpoints")));
            assertStopsCompletely(demo);
        }

        String returning = "returning-shopper-2";
        try (DemoLauncher demo = DemoLauncher.start(data, catalog, dir.resolve("second-run.out"))) {
            demo.awaitReady(START);
            assertTrue(
                    demo.output()
                            .contains("Reusing " + data + ": Kafka data, catalog generation 1, stream-job checkpoints;"
                                    + " ./recsys demo --fresh starts clean"),
                    demo.output());
            for (Map.Entry<String, JsonNode> shopper : before.entrySet()) {
                JsonNode now = demo.service()
                        .shopper(shopper.getKey())
                        .orElseThrow(() -> new AssertionError(shopper.getKey() + " is unknown after the restart"));
                assertTrue(
                        now.path("version").asLong()
                                >= shopper.getValue().path("version").asLong(),
                        shopper.getKey() + " went back from " + shopper.getValue() + " to " + now);
                assertEquals(
                        ServiceClient.recentItems(shopper.getValue()),
                        ServiceClient.recentItems(now),
                        shopper.getKey() + "'s recent items");
            }

            long had = before.get(returning).path("version").asLong();
            String newItem = itemId(100);
            demo.service().postView(returning + "-after-restart", returning, newItem);
            JsonNode after =
                    Poll.forValue(VECTORS, () -> returning + " to move on from version " + had, () -> demo.service()
                            .shopper(returning)
                            .filter(s -> s.path("version").asLong() != had));
            assertEquals(had + 1, after.path("version").asLong(), "one event raises the version by one: " + after);
            List<String> expectedRecent = new ArrayList<>(List.of(newItem));
            expectedRecent.addAll(ServiceClient.recentItems(before.get(returning)));
            assertEquals(
                    expectedRecent.stream().sorted().toList(),
                    ServiceClient.recentItems(after).stream().sorted().toList(),
                    "the job still knew the shopper's earlier items: " + after);
            assertStopsCompletely(demo);
        }

        try (DemoLauncher demo = DemoLauncher.start(data, catalog, dir.resolve("fresh-run.out"), "--fresh")) {
            demo.awaitReady(START);
            assertTrue(demo.output().contains("Starting clean: deleted the Kafka data"), demo.output());
            assertFalse(demo.output().contains("Reusing"), demo.output());
            for (String shopper : SHOPPERS.keySet()) {
                assertEquals(Optional.empty(), demo.service().shopper(shopper), shopper + " after --fresh");
            }
            assertStopsCompletely(demo);
        }
    }

    private String itemId(int index) {
        return items.get(index).itemId();
    }

    private static JsonNode awaitVersion(DemoLauncher demo, String shopper, long version) throws Exception {
        return Poll.forValue(VECTORS, () -> shopper + " at version " + version, () -> demo.service()
                .shopper(shopper)
                .filter(s -> s.path("version").asLong() == version));
    }

    /** Whether Flink wrote a checkpoint's metadata, its last step: {@code <job id>/chk-N/_metadata}. */
    private static boolean hasCompletedCheckpoint(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return false;
        }
        try (Stream<Path> files = Files.find(checkpoints, 3, (path, attributes) -> path.getFileName()
                .toString()
                .equals("_metadata"))) {
            return files.findAny().isPresent();
        }
    }

    /** Ctrl-C stops every JVM of the demo and frees its ports. */
    private static void assertStopsCompletely(DemoLauncher demo) throws Exception {
        demo.stopLikeCtrlC();
        assertTrue(demo.output().contains("Demo stopped."), demo.output());
        assertFalse(demo.output().contains("restarting it"), "nothing is restarted on Ctrl-C: " + demo.output());
        assertTrue(LocalPorts.isFree(demo.httpPort()), "the service's port is still taken");
    }
}
