package dev.recsys.tools.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.index.IndexService;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline with the Transformer embedder (a real broker, the Flink job on a MiniCluster, the service
 * over HTTP): the catalog's 384-dimensional item vectors reach the job, shoppers' content profiles come
 * back at 384 dimensions and personalise the feed, search's vector half and similar items work, and a
 * reindex back to the hashed embedder moves every reader to 256 dimensions without mixing the two.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransformerPipelineIT {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String ADMIN_TOKEN = "transformer-admin-token";
    private static final String TRANSFORMER = "transformer:bge-small-en-v15-q (384 dimensions)";

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
        items = SampleCatalog.generate(600, 13);
        pipeline = RunningPipeline.start(
                kafka.bootstrapServers(),
                dir,
                items,
                RunningPipeline.Settings.of(1, "transformer", ADMIN_TOKEN, Duration.ofSeconds(90)));
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
    @Order(1)
    void theFirstGenerationIsBuiltWithTheTransformer() throws Exception {
        assertEquals(
                TRANSFORMER,
                get("/v1/admin/status").path("live").path("embedder").asText());
    }

    @Test
    @Order(2)
    void aShoppersContentProfileHasTheModelsDimensionAndTurnsTheFeed() throws Exception {
        assertFeedFollows("shopper-t-a", "beauty", 384, 0);
    }

    @Test
    @Order(3)
    void searchFindsAnItemByItsTitleThroughBothRetrievers() throws Exception {
        CatalogItem target = items.get(42);
        JsonNode answer =
                get("/v1/search?k=5&explain=true&q=" + URLEncoder.encode(target.title(), StandardCharsets.UTF_8));
        boolean found = false;
        boolean vectorHalf = false;
        for (JsonNode item : answer.path("items")) {
            found |= item.path("itemId").asText().equals(target.itemId());
            vectorHalf |= item.path("origins").toString().contains("knn-text");
        }
        assertTrue(found, "the item whose title was searched is in the top 5: " + answer);
        assertTrue(vectorHalf, "the query's Transformer vector proposed candidates: " + answer);
    }

    @Test
    @Order(4)
    void similarItemsComeFromTheItemsOwnDepartment() throws Exception {
        CatalogItem item = items.stream()
                .filter(i -> i.topCategory().equals("electronics"))
                .findFirst()
                .orElseThrow();
        JsonNode similar = get("/v1/items/" + item.itemId() + "/similar?k=10");
        int same = 0;
        for (JsonNode hit : similar.path("items")) {
            same += hit.path("category").asText().startsWith("electronics>") ? 1 : 0;
        }
        assertTrue(same >= 6, "most items similar to an electronics item are electronics: " + similar);
    }

    @Test
    @Order(5)
    void aReindexBackToHashedMovesEveryReaderToItsDimension() throws Exception {
        HttpResponse<String> started = http.send(
                authorised("/v1/admin/reindex")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"format\":\"live\",\"embedder\":\"hashed\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, started.statusCode(), started.body());
        String href = Json.MAPPER.readTree(started.body()).path("href").asText();
        JsonNode jobStatus = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            jobStatus = get(href);
            if (!jobStatus.path("state").asText().equals("running")) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("succeeded", jobStatus.path("state").asText(), jobStatus.toString());
        assertEquals("hashed", jobStatus.path("embedder").asText());
        JsonNode status = get("/v1/admin/status");
        assertEquals(
                "hashed (256 dimensions)", status.path("live").path("embedder").asText());
        assertEquals(TRANSFORMER, status.path("previous").path("embedder").asText());
        // The shopper's 384-dimensional profile does not fit the new catalog: the next event starts it
        // afresh at 256 dimensions, and the feed follows again.
        assertFeedFollows("shopper-t-a", "sports", 256, 6);
    }

    private static void assertFeedFollows(String shopper, String topCategory, int dimension, int versionBefore)
            throws Exception {
        List<CatalogItem> inCategory = items.stream()
                .filter(item -> item.topCategory().equals(topCategory))
                .limit(6)
                .toList();
        long now = System.currentTimeMillis();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < inCategory.size(); i++) {
            body.append(i == 0 ? "" : ",")
                    .append(String.format(
                            Locale.ROOT,
                            "{\"eventId\":\"%s-%s-%d\",\"userId\":\"%s\",\"itemId\":\"%s\",\"type\":\"view\",\"ts\":%d}",
                            shopper,
                            topCategory,
                            i,
                            shopper,
                            inCategory.get(i).itemId(),
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
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        JsonNode feed = null;
        JsonNode user = null;
        while (System.nanoTime() < deadline) {
            user = get("/v1/users/" + shopper);
            feed = get("/v1/feed?k=10&user=" + shopper);
            if (user.path("version").asLong() == versionBefore + inCategory.size()
                    && user.path("dimension").asInt() == dimension
                    && shareOf(topCategory, feed) >= 0.6) {
                return;
            }
            Thread.sleep(50);
        }
        fail("within " + DEADLINE.toSeconds() + " s the feed of " + shopper + " did not turn to " + topCategory
                + " with a " + dimension + "-dimensional profile; last profile " + user + ", last feed " + feed);
    }

    private static double shareOf(String topCategory, JsonNode feed) {
        JsonNode results = feed.path("items");
        if (results.isEmpty()) {
            return 0;
        }
        int hits = 0;
        for (JsonNode item : results) {
            hits += item.path("category").asText().startsWith(topCategory + ">") ? 1 : 0;
        }
        return hits / (double) results.size();
    }

    private static HttpRequest.Builder authorised(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(authorised(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404 && path.startsWith("/v1/users/")) {
            return Json.MAPPER.createObjectNode();
        }
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return Json.MAPPER.readTree(response.body());
    }
}
