package dev.recsys.index.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.index.IndexService;
import dev.recsys.index.ServiceConfig;
import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.index.generations.CatalogLease;
import dev.recsys.index.metrics.ProtobufScrape;
import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.infra.metrics.PrometheusText;
import dev.recsys.infra.metrics.Promtool;
import dev.recsys.ranker.json.DeadLetterJson;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.Topics;
import dev.recsys.ranker.records.UserVectors;
import io.prometheus.metrics.expositionformats.generated.Metrics;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.lucene.util.Version;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole service on a free port against a real broker, driven over HTTP. */
class IndexServiceHttpIT {
    private static final int CATALOG_SIZE = 400;
    private static final String ADMIN_TOKEN = "http-test-admin-token";

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path dir;

    private static IndexService service;
    private static HttpClient http;
    private static String base;
    private static List<CatalogItem> items;

    @BeforeAll
    static void startService() throws Exception {
        items = SampleCatalog.generate(CATALOG_SIZE, 5);
        Path catalog = dir.resolve("catalog.jsonl");
        CatalogFile.write(catalog, items);
        service = new IndexService(ServiceConfig.parse(
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
                ADMIN_TOKEN));
        service.start();
        assertTrue(service.awaitReady(Duration.ofSeconds(60)), "service not ready: " + service.missing());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        base = "http://127.0.0.1:" + service.httpPort();
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    private record Answer(int status, JsonNode body, HttpResponse<String> raw) {}

    private static Answer send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(builder.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElse(""),
                "every answer is JSON: " + response.body());
        return new Answer(response.statusCode(), Json.MAPPER.readTree(response.body()), response);
    }

    private static Answer get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    private static Answer getWithToken(String pathAndQuery, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Authorization", "Bearer " + token)
                .GET());
    }

    private static Answer post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
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

    private static String event(String eventId, String user, String item, String type) {
        return "{\"eventId\":\"" + eventId + "\",\"userId\":\"" + user + "\",\"itemId\":\"" + item + "\",\"type\":\""
                + type + "\",\"ts\":" + System.currentTimeMillis() + "}";
    }

    @Test
    void healthzIsAlwaysOk() throws Exception {
        Answer answer = get("/healthz");
        assertEquals(200, answer.status());
        assertEquals("ok", answer.body().path("status").asText());
        HttpResponse<Void> head = http.send(
                HttpRequest.newBuilder(URI.create(base + "/healthz"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
    }

    @Test
    void readyzIsReadyOnceTheCatalogVectorsAndShoppersAreLoaded() throws Exception {
        Answer answer = get("/readyz");
        assertEquals(200, answer.status(), answer.body().toString());
        assertEquals("ready", answer.body().path("status").asText());
        assertEquals(CATALOG_SIZE, answer.body().path("items").asInt());
        assertEquals(1, answer.body().path("generation").asInt());
    }

    @Test
    void theCatalogsItemVectorsArePublished() {
        List<ConsumerRecord<String, String>> records =
                kafka.consume(Topics.ITEM_VECTORS, CATALOG_SIZE, Duration.ofSeconds(30));
        Set<String> keys = new HashSet<>();
        records.forEach(record -> keys.add(record.key()));
        assertEquals(CATALOG_SIZE, keys.size());
    }

    @Test
    void aColdStartFeedCarriesItemsExplanationsAndTheFairnessReport() throws Exception {
        Answer answer = get("/v1/feed?user=nobody-yet&k=10");
        assertEquals(200, answer.status(), answer.body().toString());
        JsonNode body = answer.body();
        assertEquals("nobody-yet", body.path("user").asText());
        assertTrue(body.path("coldStart").asBoolean());
        assertTrue(body.path("profileVersion").isNull());
        assertEquals(1, body.path("generation").asInt());
        assertEquals(10, body.path("items").size());
        for (JsonNode item : body.path("items")) {
            for (String field : List.of(
                    "itemId",
                    "title",
                    "category",
                    "brand",
                    "sellerId",
                    "price",
                    "score",
                    "scoreParts",
                    "origins",
                    "because",
                    "movedByFairness")) {
                assertTrue(item.has(field), field + " missing in " + item);
            }
        }
        JsonNode fairness = body.path("fairness");
        assertEquals(10, fairness.path("k").asInt());
        assertEquals(10, fairness.path("protectedAtPrefix").size());
        assertTrue(fairness.has("quotaMet"));
    }

    @Test
    void badFeedParametersAre400NamingTheField() throws Exception {
        assertError(get("/v1/feed?user=u1&k=0"), 400, "bad_request", "k");
        assertError(get("/v1/feed?user=u1&k=many"), 400, "bad_request", "k");
        assertError(get("/v1/feed?k=5"), 400, "bad_request", "user");
        assertError(get("/v1/feed?user=u1&w.cf=99"), 400, "bad_request", "w.cf");
    }

    @Test
    void searchFindsItemsAndRejectsBadParameters() throws Exception {
        CatalogItem target =
                items.stream().filter(CatalogItem::inStock).findFirst().orElseThrow();
        String q = URLEncoder.encode(target.title(), StandardCharsets.UTF_8);
        Answer answer = get("/v1/search?q=" + q + "&k=5");
        assertEquals(200, answer.status(), answer.body().toString());
        assertTrue(answer.body().path("items").size() > 0);
        assertTrue(answer.body().path("items").size() <= 5);
        assertTrue(answer.body().has("fairness"));

        assertError(get("/v1/search?k=5"), 400, "bad_request", "q");
        assertError(get("/v1/search?q=lamp&priceMin=50&priceMax=10"), 400, "bad_request", "priceMax");
        assertError(get("/v1/search?q=" + "a".repeat(257)), 400, "bad_request", "q");
    }

    @Test
    void itemsAndTheirNeighboursAreServedAndUnknownItemsAre404() throws Exception {
        String id = items.get(3).itemId();
        Answer item = get("/v1/items/" + id);
        assertEquals(200, item.status());
        assertEquals(id, item.body().path("itemId").asText());
        assertEquals(items.get(3).title(), item.body().path("title").asText());

        Answer similar = get("/v1/items/" + id + "/similar?k=5");
        assertEquals(200, similar.status(), similar.body().toString());
        assertEquals(5, similar.body().path("items").size());
        for (JsonNode neighbour : similar.body().path("items")) {
            assertNotEquals(id, neighbour.path("itemId").asText());
        }
        assertError(get("/v1/items/" + id + "/similar?k=1000"), 400, "bad_request", "k");
        assertError(get("/v1/items/no-such-item"), 404, "not_found", null);
        assertError(get("/v1/items/no-such-item/similar"), 404, "not_found", null);
    }

    @Test
    void unknownPathsAre404AndWrongMethodsAre405() throws Exception {
        assertError(get("/v2/anything"), 404, "not_found", null);
        assertError(get("/v1/feedback?user=u"), 404, "not_found", null);
        assertError(get("/v1"), 404, "not_found", null);
        assertError(get("/console/x"), 404, "not_found", null);
        Answer wrong = post("/v1/feed?user=u", "{}");
        assertError(wrong, 405, "method_not_allowed", null);
        assertEquals("GET, HEAD", wrong.raw().headers().firstValue("Allow").orElse(""));
        assertError(get("/v1/events"), 405, "method_not_allowed", null);
    }

    @Test
    void theStreamJobsDeadLettersAreCountedByFieldAndTheLatestShownSafely() throws Exception {
        kafka.produce(
                Topics.INTERACTIONS_DLQ,
                "u-dlq",
                DeadLetterJson.write(
                        "{\"type\":\"teleport\",\"secret\":\"0123456789012345678901234567890123456789\"}",
                        "type",
                        "unknown event type 'teleport'",
                        1_700_000_000_000L));
        kafka.produce(
                Topics.INTERACTIONS_DLQ,
                null,
                DeadLetterJson.write("not json", null, "not a JSON object", 1_700_000_000_001L));
        kafka.produce(Topics.INTERACTIONS_DLQ, null, "garbage");

        JsonNode letters = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            letters = getWithToken("/v1/admin/status", ADMIN_TOKEN).body().path("deadLetters");
            if (letters.path("total").asLong() >= 3) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals(3, letters.path("total").asLong(), String.valueOf(letters));
        assertEquals(1, letters.path("unreadable").asLong());
        assertEquals(1, letters.path("byField").path("type").asLong());
        assertEquals(1, letters.path("byField").path("(record)").asLong());
        JsonNode newest = letters.path("latest").get(0);
        assertEquals("(record)", newest.path("field").asText(), "newest first");
        JsonNode typed = letters.path("latest").get(1);
        assertEquals(1_700_000_000_000L, typed.path("rejectedAt").asLong());
        assertEquals("unknown event type 'teleport'", typed.path("reason").asText());
        assertTrue(typed.path("record").asText().endsWith("'…"), "an excerpt of the record, cut: " + typed);
        assertFalse(typed.path("record").asText().contains("0123456789012345678901234567890123456789"));
    }

    @Test
    void anInvalidEventIs400NamingTheFieldAndNothingIsProduced() throws Exception {
        assertError(post("/v1/events", event("bad-1", "u-bad", "p-000001", "teleport")), 400, "bad_request", "type");
        String batch = "[" + event("bad-2", "u-bad", "p-000001", "view") + ","
                + event("bad-3", "u-bad", "p-000001", "teleport") + "]";
        assertError(post("/v1/events", batch), 400, "bad_request", "[1].type");
        assertError(post("/v1/events", "{nope"), 400, "bad_request", null);

        List<ConsumerRecord<String, String>> records = kafka.consume(Topics.INTERACTIONS, 0, Duration.ofSeconds(10));
        assertTrue(
                records.stream().noneMatch(record -> record.value().contains("\"bad-")),
                "a rejected request produced events");
    }

    @Test
    void aBodyOverOneMebibyteIs413AndTheClientCanCarryOn() throws Exception {
        String big = "[" + "\"x\",".repeat(300_000) + "\"x\"]";
        Answer answer = post("/v1/events", big);
        assertError(answer, 413, "payload_too_large", null);
        assertEquals("close", answer.raw().headers().firstValue("Connection").orElse(""));
        // The next request must not land on the connection the server is closing.
        assertError(post("/v1/events", "{}"), 400, "bad_request", "eventId");
    }

    @Test
    void postedEventsLandInTheInteractionsTopicKeyedByUser() throws Exception {
        String batch = "[" + event("http-e1", "u-http", "p-000002", "view") + ","
                + event("http-e2", "u-http", "p-000003", "add_to_cart") + "]";
        Answer answer = post("/v1/events", batch);
        assertEquals(202, answer.status(), answer.body().toString());
        assertEquals(2, answer.body().path("accepted").asInt());

        Answer single = post("/v1/events", event("http-e3", "u-http-2", "p-000004", "click"));
        assertEquals(202, single.status());
        assertEquals(1, single.body().path("accepted").asInt());

        List<ConsumerRecord<String, String>> records = kafka.consume(Topics.INTERACTIONS, 3, Duration.ofSeconds(30));
        Map<String, String> keyByEvent = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            keyByEvent.put(Json.parseObject(record.value()).path("eventId").asText(), record.key());
        }
        assertEquals("u-http", keyByEvent.get("http-e1"));
        assertEquals("u-http", keyByEvent.get("http-e2"));
        assertEquals("u-http-2", keyByEvent.get("http-e3"));
    }

    @Test
    void aShoppersVectorsFromTheTopicAreServedAndPersonaliseTheFeed() throws Exception {
        assertError(getWithToken("/v1/users/http-shopper", ADMIN_TOKEN), 404, "not_found", null);

        CatalogItem seen = items.get(10);
        float[] content;
        try (CatalogLease lease = service.catalog().acquire()) {
            content = lease.index().contentVector(seen.itemId());
        }
        UserVectors vectors = new UserVectors(
                "http-shopper",
                3,
                1_000,
                900,
                content,
                null,
                List.of(new RecentInteraction(seen.itemId(), EventType.VIEW, 900)),
                Map.of("view", 3L));
        kafka.produce(Topics.USER_VECTORS, "http-shopper", UserVectorsJson.write(vectors));
        // An older version arriving later must not replace it.
        kafka.produce(
                Topics.USER_VECTORS,
                "http-shopper",
                UserVectorsJson.write(new UserVectors(
                        "http-shopper", 2, 2_000, 2_000, content, null, List.of(), Map.of("view", 2L))));

        Answer user = getWithToken("/v1/users/http-shopper", ADMIN_TOKEN);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (user.status() == 404 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            user = getWithToken("/v1/users/http-shopper", ADMIN_TOKEN);
        }
        Thread.sleep(500); // let the older version arrive too
        user = getWithToken("/v1/users/http-shopper", ADMIN_TOKEN);
        assertEquals(200, user.status(), user.body().toString());
        assertEquals(3, user.body().path("version").asLong());
        assertEquals(1_000, user.body().path("updatedAt").asLong());
        assertEquals(900, user.body().path("eventTs").asLong());
        assertEquals(
                seen.itemId(), user.body().path("recent").get(0).path("itemId").asText());
        assertEquals("view", user.body().path("recent").get(0).path("type").asText());
        assertEquals(3, user.body().path("counts").path("view").asLong());

        Answer feed = get("/v1/feed?user=http-shopper&k=5");
        assertEquals(200, feed.status(), feed.body().toString());
        assertFalse(feed.body().path("coldStart").asBoolean());
        assertEquals(3, feed.body().path("profileVersion").asLong());
        assertEquals(5, feed.body().path("items").size());
    }

    @Test
    void aProfileAppliedSoonAfterItsEventIsCountedAsFresh() throws Exception {
        double before = freshWithinOneSecond();
        long now = System.currentTimeMillis();
        kafka.produce(
                Topics.USER_VECTORS,
                "fresh-shopper",
                UserVectorsJson.write(
                        new UserVectors("fresh-shopper", 1, now, now - 200, new float[8], null, List.of(), Map.of())));

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (freshWithinOneSecond() == before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(before + 1, freshWithinOneSecond(), "the profile 200 ms after its event is in the 1 s bucket");
    }

    /** The count of {@code recsys_event_to_profile_seconds} at most one second. */
    private static double freshWithinOneSecond() throws Exception {
        HttpResponse<String> scrape = http.send(
                HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        for (String line : scrape.body().split("\n")) {
            if (line.startsWith("recsys_event_to_profile_seconds_bucket{le=\"1.0\"}")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    @Test
    void theFairnessReportNeedsTheTokenAndAccountsForEveryRankingServed() throws Exception {
        assertError(get("/v1/admin/fairness"), 401, "unauthorized", null);
        assertError(getWithToken("/v1/admin/fairness", "wrong-token"), 403, "forbidden", null);

        Answer before = getWithToken("/v1/admin/fairness", ADMIN_TOKEN);
        assertEquals(200, before.status(), before.body().toString());
        List<JsonNode> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(get("/v1/feed?user=fairness-" + i + "&k=10").body());
        }
        answers.add(get("/v1/search?q=" + URLEncoder.encode(items.get(0).title(), StandardCharsets.UTF_8) + "&k=8")
                .body());
        int served = 0;
        int servedProtected = 0;
        for (JsonNode answer : answers) {
            served += answer.path("items").size();
            servedProtected += answer.path("fairness").path("protectedCount").asInt();
        }

        JsonNode after = getWithToken("/v1/admin/fairness", ADMIN_TOKEN).body();
        JsonNode was = before.body();
        assertEquals(was.path("rankings").asLong() + 4, after.path("rankings").asLong(), after.toString());
        assertEquals(was.path("items").asLong() + served, after.path("items").asLong());
        assertEquals(
                was.path("protectedItems").asLong() + servedProtected,
                after.path("protectedItems").asLong());
        assertTrue(after.path("exposure").asDouble() > was.path("exposure").asDouble());
        for (String share : List.of("protectedExposureShare", "protectedItemShare", "largestSellerShare")) {
            double value = after.path(share).asDouble(-1);
            assertTrue(value >= 0 && value <= 1, share + " = " + value);
        }
        assertEquals(900, after.path("windowSeconds").asInt());
        assertTrue(after.path("windowStart").asLong() < after.path("windowEnd").asLong());
        assertEquals(0.3, after.path("targetProportion").asDouble());
        assertTrue(after.path("protectedGroup").asText().contains("small"));
        JsonNode top = after.path("topSellers");
        assertTrue(top.size() > 0);
        assertEquals(
                after.path("largestSeller").asText(),
                top.get(0).path("sellerId").asText());
        assertEquals(
                after.path("largestSellerShare").asDouble(),
                top.get(0).path("share").asDouble());
        for (int i = 1; i < top.size(); i++) {
            assertTrue(top.get(i - 1).path("exposure").asDouble()
                    >= top.get(i).path("exposure").asDouble());
        }
    }

    @Test
    void metricsReadWithThePrometheusClientsOwnParserHaveJvmBuildAndServiceSeriesThatFollowTheTraffic()
            throws Exception {
        ProtobufScrape before = scrapeProtobuf(p -> true);
        double ok = before.value("recsys_http_requests_total", Map.of("endpoint", "/v1/feed", "status", "2xx"));
        double bad = before.value("recsys_http_requests_total", Map.of("endpoint", "/v1/feed", "status", "4xx"));
        double rankings = before.value("recsys_exposure_rankings");
        double cpu = before.value("process_cpu_seconds_total");
        for (int i = 0; i < 2; i++) {
            assertEquals(200, get("/v1/feed?user=metrics-" + i + "&k=5").status());
        }
        assertError(get("/v1/feed?user=metrics-0&k=0"), 400, "bad_request", "k");

        ProtobufScrape after = scrapeProtobuf(
                p -> p.value("recsys_http_requests_total", Map.of("endpoint", "/v1/feed", "status", "2xx")) == ok + 2
                        && p.value("recsys_http_requests_total", Map.of("endpoint", "/v1/feed", "status", "4xx"))
                                == bad + 1);
        assertEquals(
                ok + 2, after.value("recsys_http_requests_total", Map.of("endpoint", "/v1/feed", "status", "2xx")));
        assertEquals(
                bad + 1, after.value("recsys_http_requests_total", Map.of("endpoint", "/v1/feed", "status", "4xx")));
        assertEquals(
                ok + bad + 3,
                after.value("recsys_http_request_duration_seconds", Map.of("endpoint", "/v1/feed")),
                "every feed request timed");
        assertEquals(1, after.value("recsys_http_requests_in_flight", Map.of("endpoint", "/metrics")));
        assertEquals(Metrics.MetricType.COUNTER, after.type("recsys_http_requests_total"));
        assertEquals(Metrics.MetricType.HISTOGRAM, after.type("recsys_http_request_duration_seconds"));
        assertEquals(Metrics.MetricType.GAUGE, after.type("recsys_http_requests_in_flight"));

        assertEquals(rankings + 2, after.value("recsys_exposure_rankings"), "a rejected request serves nothing");
        double protectedRatio = after.value("recsys_exposure_protected_ratio");
        assertTrue(protectedRatio >= 0 && protectedRatio <= 1, "protected ratio " + protectedRatio);
        double largestSeller = after.value("recsys_exposure_largest_seller_ratio");
        assertTrue(largestSeller > 0 && largestSeller <= 1, "largest seller ratio " + largestSeller);
        assertEquals(CATALOG_SIZE, after.value("recsys_catalog_items"));
        assertEquals(1, after.value("recsys_catalog_generation"));
        assertEquals(Metrics.MetricType.COUNTER, after.type("recsys_user_vectors_applied_total"));

        Map<String, String> build =
                ProtobufScrape.labels(after.family("recsys_build_info").getMetric(0));
        assertEquals(Version.LATEST.toString(), build.get("lucene_version"));
        assertTrue(build.get("version").matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), build.toString());
        assertEquals(1, after.value("recsys_build_info", build));
        assertTrue(after.value("jvm_memory_used_bytes", Map.of("area", "heap")) > 0);
        assertTrue(after.value("jvm_threads_current") > 0);
        assertTrue(after.value("process_cpu_seconds_total") >= cpu);
        assertTrue(after.value("process_open_fds") > 0);
    }

    @Test
    void metricsPassPrometheusOwnParserAndNamingLintWithoutAProblem() throws Exception {
        assertEquals(200, get("/v1/feed?user=promtool&k=5").status());
        HttpResponse<String> scrape = http.send(
                HttpRequest.newBuilder(URI.create(base + "/metrics"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scrape.statusCode());

        Promtool.Check check = Promtool.find().checkMetrics(scrape.body());

        assertEquals(List.of(), check.problems(), "promtool check metrics");
        assertEquals(0, check.exitCode());
    }

    @Test
    void metricsAreTheClassicTextFormatByDefaultAndOpenMetricsWhenAskedWithoutAToken() throws Exception {
        PrometheusText text = RequestMetricsTest.scrapeUntil(p -> true, base, http);
        assertEquals("counter", text.types.get("recsys_http_requests_total"));
        assertEquals("histogram", text.types.get("recsys_http_request_duration_seconds"));
        assertEquals("gauge", text.types.get("recsys_build_info"));
        assertEquals(CATALOG_SIZE, text.value("recsys_catalog_items"));

        HttpResponse<String> openMetrics = http.send(
                HttpRequest.newBuilder(URI.create(base + "/metrics"))
                        .header("Accept", "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;q=0.5")
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, openMetrics.statusCode());
        assertEquals(
                "application/openmetrics-text; version=1.0.0; charset=utf-8",
                openMetrics.headers().firstValue("Content-Type").orElse(""));
        PrometheusText parsed = PrometheusText.parseOpenMetrics(openMetrics.body());
        assertEquals("counter", parsed.types.get("recsys_http_requests"));
        assertEquals("info", parsed.types.get("recsys_build"));
        assertEquals("seconds", parsed.units.get("recsys_http_request_duration_seconds"));
        assertEquals("ratio", parsed.units.get("recsys_exposure_protected_ratio"));
    }

    /** A protobuf scrape that satisfies {@code until} (requests are counted just after their answer went out). */
    private static ProtobufScrape scrapeProtobuf(Predicate<ProtobufScrape> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/metrics"))
                            .header("Accept", ProtobufScrape.ACCEPT)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode());
            assertEquals(
                    ProtobufScrape.CONTENT_TYPE,
                    response.headers().firstValue("Content-Type").orElse(""));
            ProtobufScrape parsed = ProtobufScrape.parse(response.body());
            if (until.test(parsed) || System.nanoTime() > deadline) {
                return parsed;
            }
            Thread.sleep(20);
        }
    }
}
