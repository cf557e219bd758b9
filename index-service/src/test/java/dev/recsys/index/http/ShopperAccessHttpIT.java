package dev.recsys.index.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.index.IndexService;
import dev.recsys.index.ServiceConfig;
import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.index.generations.CatalogLease;
import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.Topics;
import dev.recsys.ranker.records.UserVectors;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may call the shopper-facing endpoints and what they may send, over real HTTP against two real
 * services on one broker: {@code guarded} with an API token (and unknown items refused), {@code open}
 * without one and with {@code --accept-unknown-items}.
 */
class ShopperAccessHttpIT {
    private static final String API_TOKEN = "access-test-api-token";
    private static final String ADMIN_TOKEN = "access-test-admin-token";
    private static final String SHOPPER = "access-shopper";

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path dir;

    private static IndexService guarded;
    private static IndexService open;
    private static List<CatalogItem> items;
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startServices() throws Exception {
        items = SampleCatalog.generate(200, 9);
        Path catalog = dir.resolve("catalog.jsonl");
        CatalogFile.write(catalog, items);
        guarded = start(catalog, "guarded", "--api-token", API_TOKEN);
        open = start(catalog, "open", "--accept-unknown-items");
    }

    private static IndexService start(Path catalog, String name, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--embedder",
                "hashed",
                "--http-port",
                "0",
                "--catalog",
                catalog.toString(),
                "--data",
                dir.resolve(name).toString(),
                "--admin-token",
                ADMIN_TOKEN));
        args.addAll(List.of(flags));
        IndexService service = new IndexService(ServiceConfig.parse(args.toArray(String[]::new)));
        service.start();
        assertTrue(service.awaitReady(Duration.ofSeconds(60)), name + " not ready: " + service.missing());
        return service;
    }

    @AfterAll
    static void stopServices() {
        for (IndexService service : new IndexService[] {guarded, open}) {
            if (service != null) {
                service.close();
            }
        }
    }

    private record Answer(int status, JsonNode body) {}

    private static Answer send(IndexService service, String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.httpPort() + path))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.GET();
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? Json.MAPPER.createObjectNode() : readJson(response.body());
        return new Answer(response.statusCode(), json);
    }

    private static JsonNode readJson(String body) throws IOException {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode().put("text", body);
        }
    }

    private static Answer get(IndexService service, String path, String token) throws Exception {
        return send(service, "GET", path, null, token);
    }

    private static Answer post(IndexService service, String path, String body, String token) throws Exception {
        return send(service, "POST", path, body, token);
    }

    private static void assertError(Answer answer, int status, String error, String field) {
        assertEquals(status, answer.status(), answer.body().toString());
        assertEquals(error, answer.body().path("error").asText(), answer.body().toString());
        assertFalse(
                answer.body().path("message").asText().isBlank(), answer.body().toString());
        if (field == null) {
            assertFalse(answer.body().has("field"), answer.body().toString());
        } else {
            assertEquals(
                    field, answer.body().path("field").asText(), answer.body().toString());
        }
    }

    private static String event(String eventId, String itemId, long ts) {
        return "{\"eventId\":\"" + eventId + "\",\"userId\":\"access-events\",\"itemId\":\"" + itemId
                + "\",\"type\":\"view\",\"ts\":" + ts + "}";
    }

    private static String event(String eventId, String itemId) {
        return event(eventId, itemId, System.currentTimeMillis());
    }

    /** The eventIds the interactions topic holds now. */
    private static Set<String> producedEventIds() {
        return kafka.consume(Topics.INTERACTIONS, 0, Duration.ofSeconds(20)).stream()
                .map(ConsumerRecord::value)
                .map(value -> Json.parseObject(value).path("eventId").asText())
                .collect(Collectors.toSet());
    }

    /** Gives both services vectors for {@link #SHOPPER} and waits until {@code guarded} serves them. */
    private static void shopperHasVectors() throws Exception {
        float[] content;
        try (CatalogLease lease = guarded.catalog().acquire()) {
            content = lease.index().contentVector(items.get(4).itemId());
        }
        kafka.produce(
                Topics.USER_VECTORS,
                SHOPPER,
                UserVectorsJson.write(new UserVectors(
                        SHOPPER,
                        1,
                        1_000,
                        900,
                        content,
                        null,
                        List.of(new RecentInteraction(items.get(4).itemId(), EventType.PURCHASE, 900)),
                        Map.of("purchase", 1L))));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (IndexService service : new IndexService[] {guarded, open}) {
            while (service.users().get(SHOPPER).isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "the shopper's vectors did not arrive");
                Thread.sleep(20);
            }
        }
    }

    // ---- tokens -------------------------------------------------------------------------------

    @Test
    void everyShopperFacingEndpointNeedsTheApiTokenOrTheAdminToken() throws Exception {
        String item = items.get(2).itemId();
        List<String> paths = List.of(
                "/v1/feed?user=access-feed&k=5",
                "/v1/search?q=" + URLEncoder.encode(items.get(2).title(), StandardCharsets.UTF_8) + "&k=5",
                "/v1/items/" + item,
                "/v1/items/" + item + "/similar?k=3");
        for (String path : paths) {
            assertError(get(guarded, path, null), 401, "unauthorized", null);
            assertError(get(guarded, path, "not-the-token"), 403, "forbidden", null);
            assertEquals(200, get(guarded, path, API_TOKEN).status(), path);
            assertEquals(200, get(guarded, path, ADMIN_TOKEN).status(), path);
        }
        assertError(post(guarded, "/v1/events", event("access-t1", item), null), 401, "unauthorized", null);
        assertError(post(guarded, "/v1/events", event("access-t2", item), "nope"), 403, "forbidden", null);
        assertEquals(
                202,
                post(guarded, "/v1/events", event("access-t3", item), API_TOKEN).status());
        assertEquals(
                202,
                post(guarded, "/v1/events", event("access-t4", item), ADMIN_TOKEN)
                        .status());
        Set<String> produced = producedEventIds();
        assertTrue(produced.containsAll(Set.of("access-t3", "access-t4")), produced.toString());
        assertFalse(produced.contains("access-t1") || produced.contains("access-t2"), "a refused event was produced");
    }

    @Test
    void aShoppersRecordAlwaysNeedsAToken() throws Exception {
        shopperHasVectors();
        String path = "/v1/users/" + SHOPPER;

        assertError(get(guarded, path, null), 401, "unauthorized", null);
        assertError(get(guarded, path, "guess"), 403, "forbidden", null);
        assertError(get(guarded, "/v1/users/nobody-at-all", null), 401, "unauthorized", null);
        Answer withApi = get(guarded, path, API_TOKEN);
        assertEquals(200, withApi.status(), withApi.body().toString());
        assertEquals(
                "purchase", withApi.body().path("recent").get(0).path("type").asText());
        assertEquals(200, get(guarded, path, ADMIN_TOKEN).status());

        // Without an API token the shop's record is the admin's alone; the rest stays open.
        assertError(get(open, path, null), 401, "unauthorized", null);
        assertError(get(open, path, API_TOKEN), 403, "forbidden", null);
        assertEquals(200, get(open, path, ADMIN_TOKEN).status());
        assertEquals(200, get(open, "/v1/feed?user=" + SHOPPER + "&k=5", null).status());
        assertEquals(200, get(open, "/v1/items/" + items.get(3).itemId(), null).status());
        assertEquals(
                202,
                post(open, "/v1/events", event("access-open-1", items.get(3).itemId()), null)
                        .status());
    }

    @Test
    void healthReadinessAndMetricsStayOpenAndAdminEndpointsRefuseTheApiToken() throws Exception {
        assertEquals(200, get(guarded, "/healthz", null).status());
        assertEquals(200, get(guarded, "/readyz", null).status());
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guarded.httpPort() + "/metrics"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        assertError(get(guarded, "/v1/admin/status", API_TOKEN), 403, "forbidden", null);
        assertEquals(200, get(guarded, "/v1/admin/status", ADMIN_TOKEN).status());
    }

    // ---- what events are admitted ----------------------------------------------------------------

    @Test
    void anEventForAnItemNotInTheCatalogIs422AndNothingOfItsBatchIsProduced() throws Exception {
        Answer single = post(guarded, "/v1/events", event("access-u1", "no-such-item"), API_TOKEN);
        assertError(single, 422, "unknown_item", "itemId");
        assertTrue(
                single.body().path("message").asText().contains("no-such-item"),
                single.body().toString());

        String batch = "[" + event("access-u2", items.get(0).itemId()) + ","
                + event("access-u3", items.get(1).itemId()) + "," + event("access-u4", "not-in-the-catalog") + "]";
        assertError(post(guarded, "/v1/events", batch, API_TOKEN), 422, "unknown_item", "[2].itemId");

        assertEquals(
                202,
                post(guarded, "/v1/events", event("access-u5", items.get(0).itemId()), API_TOKEN)
                        .status());
        Set<String> produced = producedEventIds();
        assertTrue(produced.contains("access-u5"), "the accepted event is in the topic");
        for (String rejected : List.of("access-u1", "access-u2", "access-u3", "access-u4")) {
            assertFalse(produced.contains(rejected), rejected + " was produced");
        }
    }

    @Test
    void aThousandEventBatchOfKnownItemsIsAccepted() throws Exception {
        StringBuilder batch = new StringBuilder("[");
        long now = System.currentTimeMillis();
        for (int i = 0; i < 1_000; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append(event("access-k" + i, items.get(i % items.size()).itemId(), now - i));
        }
        Answer answer = post(guarded, "/v1/events", batch.append(']').toString(), API_TOKEN);
        assertEquals(202, answer.status(), answer.body().toString());
        assertEquals(1_000, answer.body().path("accepted").asInt());
    }

    @Test
    void withAcceptUnknownItemsAnEventForAnItemNotInTheCatalogIsAccepted() throws Exception {
        Answer answer = post(open, "/v1/events", event("access-later", "arrives-later"), null);
        assertEquals(202, answer.status(), answer.body().toString());
        assertTrue(producedEventIds().contains("access-later"));
    }

    @Test
    void aTimeInEpochSecondsIs400NamingTs() throws Exception {
        long seconds = System.currentTimeMillis() / 1000;
        Answer answer =
                post(guarded, "/v1/events", event("access-s1", items.get(0).itemId(), seconds), API_TOKEN);
        assertError(answer, 400, "bad_request", "ts");
        assertTrue(
                answer.body().path("message").asText().contains("milliseconds"),
                answer.body().toString());
        String batch = "[" + event("access-s2", items.get(0).itemId()) + ","
                + event("access-s3", items.get(0).itemId(), seconds) + "]";
        assertError(post(open, "/v1/events", batch, null), 400, "bad_request", "[1].ts");
    }
}
