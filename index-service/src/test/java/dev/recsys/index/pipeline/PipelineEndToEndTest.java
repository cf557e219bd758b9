package dev.recsys.index.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.index.IndexService;
import dev.recsys.index.ServiceConfig;
import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.ingest.Environments;
import dev.recsys.ingest.IngestJob;
import dev.recsys.ingest.IngestJobOptions;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline, with nothing faked: a real Kafka broker, the real Flink job on a MiniCluster
 * (parallelism 2) and the real index service over HTTP. Events posted to {@code /v1/events} travel
 * interactions → Flink → user-vectors → the service, and the shopper's feed must follow them.
 */
class PipelineEndToEndTest {
    /** The bar: a shopper's feed follows their interactions within five seconds. */
    private static final Duration FEED_DEADLINE = Duration.ofSeconds(5);

    private static final int K = 10;

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path dir;

    private static List<CatalogItem> items;
    private static JobClient job;
    private static IndexService service;
    private static HttpClient http;
    private static String base;

    @BeforeAll
    static void startPipeline() throws Exception {
        items = SampleCatalog.generate(1_500, 11);
        Path catalog = dir.resolve("catalog.jsonl");
        CatalogFile.write(catalog, items);

        IngestJobOptions options = IngestJobOptions.parse(
                "--bootstrap-servers", kafka.bootstrapServers(),
                "--starting-offsets", "earliest",
                "--checkpoint-interval-ms", "2000",
                "--parallelism", "2");
        StreamExecutionEnvironment env = Environments.embedded(options.parallelism());
        IngestJob.onKafka(options).build(env);
        job = env.executeAsync(IngestJob.NAME);

        service = new IndexService(ServiceConfig.parse(
                "--bootstrap-servers", kafka.bootstrapServers(),
                "--http-port", "0",
                "--catalog", catalog.toString(),
                "--data", dir.resolve("service").toString()));
        service.start();
        assertTrue(service.awaitReady(Duration.ofSeconds(60)), () -> "service not ready: " + service.missing());
        http = HttpClient.newHttpClient();
        base = "http://127.0.0.1:" + service.httpPort();
    }

    @AfterAll
    static void stopPipeline() throws Exception {
        if (service != null) {
            service.close();
        }
        if (job != null) {
            job.cancel().get();
        }
    }

    @Test
    void feedShiftsTowardsTheOnlyCategoryAShopperInteractsWith() throws Exception {
        assertFeedFollowsCategory("shopper-e2e-a", "sports");
    }

    @Test
    void feedsOfTwoShoppersFollowTheirOwnCategories() throws Exception {
        assertFeedFollowsCategory("shopper-e2e-b", "beauty");
        assertFeedFollowsCategory("shopper-e2e-c", "electronics");
        // b's feed still follows b, not c: profiles are per shopper.
        assertTrue(shareOf("beauty", feed("shopper-e2e-b")) >= 0.6);
    }

    private static void assertFeedFollowsCategory(String shopper, String topCategory) throws Exception {
        double before = shareOf(topCategory, feed(shopper));
        assertTrue(feed(shopper).path("coldStart").asBoolean(), "a shopper with no events gets the cold-start feed");

        List<CatalogItem> inCategory = items.stream()
                .filter(item -> item.topCategory().equals(topCategory))
                .limit(6)
                .toList();
        assertEquals(6, inCategory.size(), "the sample catalog has items in " + topCategory);
        String[] types = {"view", "view", "click", "view", "add_to_cart", "view"};
        long now = System.currentTimeMillis();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < inCategory.size(); i++) {
            body.append(i == 0 ? "" : ",")
                    .append(String.format(
                            Locale.ROOT,
                            "{\"eventId\":\"%s-%d\",\"userId\":\"%s\",\"itemId\":\"%s\",\"type\":\"%s\",\"ts\":%d}",
                            shopper,
                            i,
                            shopper,
                            inCategory.get(i).itemId(),
                            types[i],
                            now + i));
        }
        body.append(']');
        HttpResponse<String> posted = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, posted.statusCode(), posted.body());

        long deadline = System.nanoTime() + FEED_DEADLINE.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = feed(shopper);
            if (last.path("profileVersion").asLong() == inCategory.size() && shareOf(topCategory, last) >= 0.6) {
                assertTrue(
                        shareOf(topCategory, last) > before,
                        "the personalised feed holds more " + topCategory + " than the cold-start feed did");
                return;
            }
            Thread.sleep(20);
        }
        fail("within " + FEED_DEADLINE.toSeconds() + " s the feed of " + shopper + " did not turn to " + topCategory
                + "; last answer: " + last);
    }

    private static double shareOf(String topCategory, JsonNode feed) {
        JsonNode results = feed.path("items");
        if (results.isEmpty()) {
            return 0;
        }
        int hits = 0;
        for (JsonNode item : results) {
            if (item.path("category").asText().startsWith(topCategory + ">")) {
                hits++;
            }
        }
        return hits / (double) results.size();
    }

    private static JsonNode feed(String shopper) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/feed?k=" + K + "&user=" + shopper))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body());
    }
}
