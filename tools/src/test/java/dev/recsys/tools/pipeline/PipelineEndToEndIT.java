package dev.recsys.tools.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.index.IndexService;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.tools.evaluation.InteractionTopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
class PipelineEndToEndIT {
    /** The bar: a shopper's feed follows their interactions within five seconds. */
    private static final Duration FEED_DEADLINE = Duration.ofSeconds(5);

    private static final int K = 10;

    /** The bar for an erasure: nothing of the shopper in the feed within two seconds. */
    private static final Duration ERASURE_DEADLINE = Duration.ofSeconds(2);

    private static final String ADMIN_TOKEN = "pipeline-admin-token";

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path dir;

    private static List<CatalogItem> items;
    private static RunningPipeline pipeline;
    private static IndexService service;
    private static HttpClient http;
    private static String base;

    @BeforeAll
    static void startPipeline() throws Exception {
        items = SampleCatalog.generate(1_500, 11);
        pipeline = RunningPipeline.start(
                kafka.bootstrapServers(),
                dir,
                items,
                RunningPipeline.Settings.of(2, "hashed", ADMIN_TOKEN, Duration.ofSeconds(60)));
        service = pipeline.service();
        http = HttpClient.newHttpClient();
        base = pipeline.base();
    }

    @AfterAll
    static void stopPipeline() throws Exception {
        if (pipeline != null) {
            pipeline.close();
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

    /**
     * An erased shopper, end to end: the service serves nothing of them within two seconds, the stream job
     * clears their profile (a tombstone on user-vectors) and starts them afresh at version 1 with their next
     * event, and training from the topics leaves out every event from before the erasure.
     */
    @Test
    void anErasedShopperIsServedNothingStartsAfreshAndIsLeftOutOfTraining() throws Exception {
        String shopper = "shopper-e2e-erased";
        assertFeedFollowsCategory(shopper, "home");

        long requested = System.nanoTime();
        HttpResponse<String> erased = http.send(
                authorised("/v1/admin/users/" + shopper).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, erased.statusCode(), erased.body());
        long erasedAt = Json.MAPPER.readTree(erased.body()).path("erasedAt").asLong();
        while (userStatus(shopper) != 404 || !feed(shopper).path("coldStart").asBoolean()) {
            assertTrue(
                    System.nanoTime() - requested < ERASURE_DEADLINE.toNanos(),
                    "the erased shopper is still served after " + ERASURE_DEADLINE.toSeconds() + " s");
            Thread.sleep(10);
        }
        assertEquals(0, feed(shopper).path("profileVersion").asLong(), "a cold-start feed carries no profile");

        awaitTombstone(shopper);

        CatalogItem next = items.stream()
                .filter(item -> item.topCategory().equals("beauty"))
                .findFirst()
                .orElseThrow();
        postEvent(shopper + "-after", shopper, next.itemId(), Math.max(System.currentTimeMillis(), erasedAt + 1));
        JsonNode record = awaitRecord(shopper);
        assertEquals(1, record.path("version").asLong(), "the profile after the erasure counts from 1: " + record);
        assertEquals(1, record.path("recent").size(), record.toString());
        assertEquals(next.itemId(), record.path("recent").get(0).path("itemId").asText());

        InteractionTopicReader.Result training = InteractionTopicReader.read(
                KafkaSettings.of(kafka.bootstrapServers()),
                "interactions",
                "erasures",
                Duration.ofSeconds(30),
                warning -> {});
        assertEquals(6, training.erased(), "the shopper's six events before the erasure are left out");
        int index = training.dataset().userIds().indexOf(shopper);
        assertTrue(index >= 0, "the event after the erasure is trained on");
        assertEquals(
                1,
                training.dataset().interactions().stream()
                        .filter(interaction -> interaction.user() == index)
                        .count());
    }

    /** Reads user-vectors from the beginning until the stream job's tombstone for {@code shopper}. */
    private static void awaitTombstone(String shopper) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "pipeline-tombstones-" + System.nanoTime());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("user-vectors"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (shopper.equals(record.key()) && record.value() == null) {
                        return;
                    }
                }
            }
        }
        fail("the stream job wrote no tombstone for " + shopper + " on user-vectors within 30 s");
    }

    private static JsonNode awaitRecord(String shopper) throws Exception {
        long deadline = System.nanoTime() + FEED_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response =
                    http.send(authorised("/v1/users/" + shopper).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return Json.MAPPER.readTree(response.body());
            }
            Thread.sleep(20);
        }
        return fail("the shopper's event after the erasure was not served within " + FEED_DEADLINE.toSeconds() + " s");
    }

    private static int userStatus(String shopper) throws IOException, InterruptedException {
        return http.send(authorised("/v1/users/" + shopper).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static HttpRequest.Builder authorised(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    private static void postEvent(String eventId, String shopper, String itemId, long ts) throws Exception {
        String body = String.format(
                Locale.ROOT,
                "{\"eventId\":\"%s\",\"userId\":\"%s\",\"itemId\":\"%s\",\"type\":\"view\",\"ts\":%d}",
                eventId,
                shopper,
                itemId,
                ts);
        HttpResponse<String> posted = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, posted.statusCode(), posted.body());
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
