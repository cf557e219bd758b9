package dev.recsys.index.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.ranker.records.CatalogItem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A part of a running demo killed outright ({@code kill -9}) is started again by the demo, and nothing
 * that was posted before is lost: the service, then the stream job, then the broker. With the real
 * broker, stream job and index service under the real launcher.
 */
class DemoSupervisionIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration RESTART = Duration.ofSeconds(60);
    /** The job's own restart strategy backs off while the broker is away, up to several seconds per try. */
    private static final Duration BROKER_RESTART = Duration.ofSeconds(90);

    private static final String FIRST = "supervised-shopper-1";
    private static final String SECOND = "supervised-shopper-2";

    /** Kept when the test fails: the demo's logs are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void killedServiceJobAndBrokerAreStartedAgainAndNoEventIsLost() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(600, 11);
        Path catalog = dir.resolve("catalog.jsonl");
        CatalogFile.write(catalog, items);
        try (DemoLauncher demo = DemoLauncher.start(dir.resolve("demo"), catalog, dir.resolve("demo.out"))) {
            demo.awaitReady(START);
            for (int i = 0; i < 3; i++) {
                demo.service().postView(FIRST + "-" + i, FIRST, items.get(i).itemId());
                demo.service()
                        .postView(SECOND + "-" + i, SECOND, items.get(10 + i).itemId());
            }
            JsonNode first = awaitVersion(demo, FIRST, 3);
            JsonNode second = awaitVersion(demo, SECOND, 3);

            long servicePid = demo.pidOf("index-service");
            demo.kill("index-service");
            demo.awaitOutput(
                    "index-service exited with code 137 (killed by signal 9); restarting it (attempt 1 of 3).",
                    RESTART);
            demo.awaitOutput("index-service is running again as pid ", RESTART);
            assertNotEquals(servicePid, demo.pidOf("index-service"));
            Poll.until(RESTART, () -> "the restarted service to be ready", () -> demo.service()
                    .isReady());
            JsonNode feed = demo.service().get("/v1/feed?k=5&user=" + FIRST).body();
            assertFalse(feed.path("coldStart").asBoolean(), "a known shopper's feed after the restart: " + feed);
            assertEquals(first, demo.service().shopper(FIRST).orElseThrow());
            assertEquals(second, demo.service().shopper(SECOND).orElseThrow());

            demo.kill("ingest-job");
            demo.awaitOutput(
                    "ingest-job exited with code 137 (killed by signal 9); restarting it (attempt 1 of 3).", RESTART);
            demo.awaitOutput("ingest-job is running again as pid ", RESTART);
            String later = items.get(20).itemId();
            demo.service().postView(FIRST + "-after-kill", FIRST, later);
            JsonNode moved = awaitVersion(demo, FIRST, 4);
            assertEquals(
                    List.of(
                                    later,
                                    items.get(0).itemId(),
                                    items.get(1).itemId(),
                                    items.get(2).itemId())
                            .stream()
                            .sorted()
                            .toList(),
                    ServiceClient.recentItems(moved).stream().sorted().toList(),
                    "the restarted job still knew the events before the kill: " + moved);
            assertEquals(second, demo.service().shopper(SECOND).orElseThrow());

            demo.kill("kafka");
            demo.awaitOutput("kafka exited; restarting it (attempt 1 of 3).", RESTART);
            demo.awaitOutput("kafka is running again as pid ", RESTART);
            String afterBroker = items.get(21).itemId();
            Poll.until(
                    RESTART,
                    () -> "the service to take events again",
                    () -> demo.service()
                                    .sendView(SECOND + "-after-broker-kill", SECOND, afterBroker)
                                    .status()
                            == 202);
            JsonNode secondMoved = awaitVersion(demo, SECOND, 4, BROKER_RESTART);
            assertTrue(
                    ServiceClient.recentItems(secondMoved)
                            .containsAll(List.of(
                                    afterBroker,
                                    items.get(10).itemId(),
                                    items.get(12).itemId())),
                    "the restarted broker kept the topics: " + secondMoved);
            assertEquals(moved, demo.service().shopper(FIRST).orElseThrow());

            demo.stopLikeCtrlC();
            assertTrue(demo.output().contains("Demo stopped."), demo.output());
        }
    }

    private static JsonNode awaitVersion(DemoLauncher demo, String shopper, long version) throws Exception {
        return awaitVersion(demo, shopper, version, RESTART);
    }

    private static JsonNode awaitVersion(DemoLauncher demo, String shopper, long version, Duration timeout)
            throws Exception {
        return Poll.forValue(timeout, () -> shopper + " at version " + version, () -> demo.service()
                .shopper(shopper)
                .filter(s -> s.path("version").asLong() == version));
    }
}
