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
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the OpenAPI description true: the whole service, with an API token and an admin token, against a
 * real broker, asked for every documented operation and its main errors over real HTTP (and a few requests
 * only a raw socket sends). Every answer must have a status the description lists for its path and method,
 * and a body that meets the JSON Schema the description gives for that status; an undocumented method must
 * be a 405 naming the documented ones, an undocumented path a 404. The request side is held to the
 * description too: a request that succeeded used only documented query parameters, a documented body, and a
 * token the operation's security names.
 */
class OpenApiContractIT {
    private static final String API_TOKEN = "contract-api-token";
    private static final String ADMIN_TOKEN = "contract-admin-token";
    private static final String WRONG_TOKEN = "not-a-token";
    private static final String SHOPPER = "contract-shopper";
    private static final String NEIGHBOUR = "contract-neighbour";
    private static final String JSON = "application/json";
    private static final String HOST = " HTTP/1.1\r\nHost: localhost\r\n";

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path dir;

    private static IndexService service;
    private static List<CatalogItem> items;
    private static OpenApiDescription api;
    private static String servedText;
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What the checks found wrong, over every exchange of a test. */
    private final List<String> violations = new ArrayList<>();

    /** The statuses seen per documented operation ({@code GET /v1/feed}). */
    private final Map<String, Set<Integer>> seen = new TreeMap<>();

    @BeforeAll
    static void start() throws Exception {
        items = SampleCatalog.generate(200, 9).stream()
                .filter(CatalogItem::inStock)
                .toList();
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
                ADMIN_TOKEN,
                "--api-token",
                API_TOKEN));
        service.start();
        assertTrue(service.awaitReady(Duration.ofSeconds(60)), "not ready: " + service.missing());
        shoppersHaveVectors();

        HttpResponse<String> served = http.send(
                HttpRequest.newBuilder(uri("/openapi.json")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, served.statusCode(), served.body());
        servedText = served.body();
        api = OpenApiDescription.parse(servedText);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    /**
     * Two shoppers whose vectors the stream job would have written: {@link #SHOPPER} bought one item,
     * {@link #NEIGHBOUR}, with a nearly equal CF factor, bought another, which makes it a similar shopper's
     * pick for the first.
     */
    private static void shoppersHaveVectors() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producerProperties())) {
            produce(producer, shopper(SHOPPER, items.get(0), new float[] {1, 0, 0, 0}));
            produce(producer, shopper(NEIGHBOUR, items.get(1), new float[] {0.9f, 0.1f, 0, 0}));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (service.users().get(SHOPPER).isEmpty()
                || service.users().get(NEIGHBOUR).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the shoppers' vectors did not arrive");
            Thread.sleep(20);
        }
    }

    private static UserVectors shopper(String userId, CatalogItem bought, float[] cf) {
        float[] content;
        try (CatalogLease lease = service.catalog().acquire()) {
            content = lease.index().contentVector(bought.itemId());
        }
        long now = System.currentTimeMillis();
        return new UserVectors(
                userId,
                3,
                now,
                now - 1_000,
                content,
                cf,
                List.of(new RecentInteraction(bought.itemId(), EventType.PURCHASE, now - 1_000)),
                Map.of("view", 2L, "purchase", 1L));
    }

    private static void produce(KafkaProducer<String, String> producer, UserVectors vectors) throws Exception {
        producer.send(new ProducerRecord<>(Topics.USER_VECTORS, vectors.userId(), UserVectorsJson.write(vectors)))
                .get(30, TimeUnit.SECONDS);
    }

    private static URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + service.httpPort() + pathAndQuery);
    }

    // ---- the description itself -------------------------------------------------------------------

    @Test
    void theServedDescriptionIsTheJarsOpenApi31DocumentWithTheProjectVersion() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(servedText, null, options);
        assertTrue(
                parsed.getMessages() == null || parsed.getMessages().isEmpty(),
                "the parser's complaints: " + parsed.getMessages());
        assertTrue(parsed.isOpenapi31(), "not read as OpenAPI 3.1");
        assertEquals(SpecVersion.V31, parsed.getOpenAPI().getSpecVersion());
        assertEquals(api.paths().size(), parsed.getOpenAPI().getPaths().size(), "the parser saw other paths");

        assertEquals(OpenApiEndpoint.load(), servedText, "served as the jar holds it");
        String version = api.root().path("info").path("version").asText();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), "info.version is " + version);
        String projectVersion = System.getProperty("recsys.project.version");
        if (projectVersion != null) {
            assertEquals(projectVersion, version);
        }
    }

    @Test
    void everyExampleMeetsTheSchemaBesideIt() throws Exception {
        Map<String, String> examples = new TreeMap<>(); // example -> the media type object holding it
        for (String root : List.of("/paths", "/components/responses")) {
            for (String pointer : api.find(root, "example")) {
                examples.put(pointer, pointer.substring(0, pointer.lastIndexOf('/')));
            }
            for (String pointer : api.find(root, "examples")) {
                api.at(pointer)
                        .fieldNames()
                        .forEachRemaining(name -> examples.put(
                                pointer + "/" + OpenApiDescription.escape(name) + "/value",
                                pointer.substring(0, pointer.lastIndexOf('/'))));
            }
        }
        assertTrue(examples.size() >= 20, "examples found: " + examples.keySet());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> example : examples.entrySet()) {
            String schema = example.getValue() + "/schema";
            assertFalse(api.at(schema).isMissingNode(), "no schema beside " + example.getKey());
            String value = Json.write(api.at(example.getKey()));
            for (String problem : api.validate(schema, value)) {
                problems.add(example.getKey() + ": " + problem);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    // ---- every operation, as the description says ----------------------------------------------------

    @Test
    void everyOperationAnswersWithTheStatusesAndBodiesTheDescriptionGives() throws Exception {
        probes();
        feed();
        search();
        itemsAndNeighbours();
        shopperRecord();
        events();
        requestsTheHttpLayerRejects();
        unknownPathsUnderAnEndpoint();
        tokens();
        erasure();
        reindexAndRollback();
        statusAndExposure();

        assertTrue(
                violations.isEmpty(), "answers the description does not describe:\n" + String.join("\n", violations));
        Set<String> unexercised = new TreeSet<>();
        for (String template : api.paths()) {
            for (String method : api.methods(template)) {
                Set<Integer> statuses = seen.getOrDefault(method + " " + template, Set.of());
                if (statuses.stream().noneMatch(status -> status < 300)) {
                    unexercised.add(method + " " + template + " (seen " + statuses + ")");
                }
            }
        }
        assertTrue(unexercised.isEmpty(), "operations never answered with success: " + unexercised);
    }

    private void probes() throws Exception {
        assertEquals(
                "ok",
                expect(200, send("GET", "/healthz", null, null))
                        .json()
                        .path("status")
                        .asText());
        assertEquals(
                "ready",
                expect(200, send("GET", "/readyz", null, null))
                        .json()
                        .path("status")
                        .asText());
        Answer metrics = expect(200, send("GET", "/metrics", null, null));
        assertTrue(metrics.text().contains("# TYPE"), "not metrics text: " + metrics.text());
        expect(200, send("GET", "/openapi.json", null, null));
        expect(404, send("GET", "/v1/nothing-here", API_TOKEN, null));
        expect(404, send("GET", "/v1/feed/extra", API_TOKEN, null));
        expect(405, send("POST", "/v1/feed", API_TOKEN, "{}"));
        expect(405, send("GET", "/v1/events", API_TOKEN, null));
        expect(405, send("DELETE", "/healthz", null, null));
    }

    private void feed() throws Exception {
        JsonNode cold = expect(200, send("GET", "/v1/feed?user=contract-newcomer&k=5", API_TOKEN, null))
                .json();
        assertTrue(cold.path("coldStart").asBoolean(), cold.toString());

        JsonNode personal = expect(200, send("GET", "/v1/feed?user=" + SHOPPER + "&k=100", API_TOKEN, null))
                .json();
        assertFalse(personal.path("coldStart").asBoolean(), personal.toString());
        assertEquals(3, personal.path("profileVersion").asInt(), personal.toString());
        assertTrue(
                personal.path("items").findValues("similarShoppers").size() > 0,
                "a similar shopper's pick carries similarShoppers: " + personal);

        String category = items.get(5).category().split(">")[0];
        JsonNode plain = expect(
                        200,
                        send(
                                "GET",
                                "/v1/feed?user=" + SHOPPER + "&k=5&explain=false&category=" + encode(category)
                                        + "&exclude=" + items.get(5).itemId() + ","
                                        + items.get(6).itemId()
                                        + "&w.content=1&w.popularity=0.5",
                                ADMIN_TOKEN,
                                null))
                .json();
        assertTrue(plain.path("items").findValues("scoreParts").isEmpty(), plain.toString());

        expectError(400, "k", send("GET", "/v1/feed?user=" + SHOPPER + "&k=0", API_TOKEN, null));
        expectError(400, "w.bogus", send("GET", "/v1/feed?user=" + SHOPPER + "&w.bogus=1", API_TOKEN, null));
        expectError(400, "user", send("GET", "/v1/feed?k=5", API_TOKEN, null));
    }

    private void search() throws Exception {
        String words = encode(items.get(7).title());
        JsonNode anonymous = expect(200, send("GET", "/v1/search?q=" + words + "&k=5", API_TOKEN, null))
                .json();
        assertFalse(anonymous.path("items").isEmpty(), anonymous.toString());
        JsonNode personal = expect(
                        200,
                        send(
                                "GET",
                                "/v1/search?q=" + words + "&user=" + SHOPPER + "&priceMin=0&priceMax=100000&w.text=1",
                                API_TOKEN,
                                null))
                .json();
        assertTrue(personal.path("personalised").asBoolean(), personal.toString());
        expectError(400, "q", send("GET", "/v1/search?k=5", API_TOKEN, null));
        expectError(400, "priceMax", send("GET", "/v1/search?q=x&priceMin=5&priceMax=1", API_TOKEN, null));
    }

    private void itemsAndNeighbours() throws Exception {
        String item = items.get(2).itemId();
        assertEquals(
                item,
                expect(200, send("GET", "/v1/items/" + item, API_TOKEN, null))
                        .json()
                        .path("itemId")
                        .asText());
        JsonNode similar = expect(200, send("GET", "/v1/items/" + item + "/similar?k=3", API_TOKEN, null))
                .json();
        assertEquals(3, similar.path("items").size(), similar.toString());
        expectError(404, null, send("GET", "/v1/items/no-such-item", API_TOKEN, null));
        expectError(404, null, send("GET", "/v1/items/no-such-item/similar", API_TOKEN, null));
        expectError(400, "k", send("GET", "/v1/items/" + item + "/similar?k=500", API_TOKEN, null));
        expect(404, send("GET", "/v1/items/" + item + "/other", API_TOKEN, null));
    }

    private void shopperRecord() throws Exception {
        JsonNode record = expect(200, send("GET", "/v1/users/" + SHOPPER, API_TOKEN, null))
                .json();
        assertTrue(record.path("hasCf").asBoolean(), record.toString());
        assertEquals(
                items.get(0).title(),
                record.path("recent").path(0).path("title").asText(),
                record.toString());
        expect(200, send("GET", "/v1/users/" + SHOPPER, ADMIN_TOKEN, null));
        expectError(404, null, send("GET", "/v1/users/contract-nobody", API_TOKEN, null));
    }

    private void events() throws Exception {
        String item = items.get(3).itemId();
        long now = System.currentTimeMillis();
        assertEquals(
                1,
                expect(202, send("POST", "/v1/events", API_TOKEN, event("contract-e1", item, "view", now)))
                        .json()
                        .path("accepted")
                        .asInt());
        String batch = "[" + event("contract-e2", item, "add_to_cart", now) + ","
                + event("contract-e3", item, "rate", now).replace("}", ",\"value\":4.5,\"sessionId\":\"s-1\"}")
                + "]";
        assertEquals(
                2,
                expect(202, send("POST", "/v1/events", API_TOKEN, batch))
                        .json()
                        .path("accepted")
                        .asInt());
        expectError(400, "type", send("POST", "/v1/events", API_TOKEN, event("contract-b1", item, "teleport", now)));
        expectError(
                400,
                "[1].ts",
                send(
                        "POST",
                        "/v1/events",
                        API_TOKEN,
                        "[" + event("contract-b2", item, "view", now) + ","
                                + event("contract-b3", item, "view", now / 1000) + "]"));
        expectError(400, null, send("POST", "/v1/events", API_TOKEN, "{not json"));
        expectError(
                422,
                "itemId",
                send("POST", "/v1/events", API_TOKEN, event("contract-u1", "no-such-item", "view", now)));
        expectError(
                413,
                null,
                send("POST", "/v1/events", API_TOKEN, "[" + " ".repeat(EventsEndpoint.MAX_BODY_BYTES) + "]"));
    }

    private static String event(String eventId, String itemId, String type, long ts) {
        return "{\"eventId\":\"" + eventId + "\",\"userId\":\"contract-events\",\"itemId\":\"" + itemId
                + "\",\"type\":\"" + type + "\",\"ts\":" + ts + "}";
    }

    /** Requests the HTTP layer answers before any endpoint sees them: the answers are documented all the same. */
    private void requestsTheHttpLayerRejects() throws Exception {
        expectError(400, null, raw("POST", "/v1/events", "POST /v1/events" + HOST + "Content-Length: abc\r\n\r\n{}"));
        expectError(400, null, raw("GET", "/v1/items/a%ZZb", "GET /v1/items/a%ZZb" + HOST + "\r\n"));
        expectError(
                431,
                null,
                raw("GET", "/v1/feed", "GET /v1/feed?user=u" + HOST + "X-Big: " + "x".repeat(70 * 1024) + "\r\n\r\n"));
        expectError(417, null, raw("GET", "/v1/search", "GET /v1/search?q=x" + HOST + "Expect: a-teapot\r\n\r\n"));
    }

    /** Paths an endpoint claims but does not have: 404, quoting the path as a short excerpt. */
    private void unknownPathsUnderAnEndpoint() throws Exception {
        String tail = "/" + "x".repeat(1_000) + "/y";
        for (String path : List.of(
                "/v1/items/" + items.get(2).itemId() + tail,
                "/v1/users/" + SHOPPER + tail,
                "/v1/admin/users/" + SHOPPER + tail,
                "/v1/admin/reindex/job" + tail)) {
            String method = path.startsWith("/v1/admin/users/") ? "DELETE" : "GET";
            Answer answer = expect(404, send(method, path, ADMIN_TOKEN, null));
            String message = answer.json().path("message").asText();
            assertTrue(message.length() < 200, "the message repeats the whole path: " + message);
        }
    }

    /** Every operation that names a token refuses a request without one, and the admin's the API token. */
    private void tokens() throws Exception {
        String item = items.get(2).itemId();
        List<String[]> secured = List.of(
                new String[] {"GET", "/v1/feed?user=" + SHOPPER},
                new String[] {"GET", "/v1/search?q=shoes"},
                new String[] {"GET", "/v1/items/" + item},
                new String[] {"GET", "/v1/items/" + item + "/similar"},
                new String[] {"GET", "/v1/users/" + SHOPPER},
                new String[] {"POST", "/v1/events"},
                new String[] {"DELETE", "/v1/admin/users/" + SHOPPER},
                new String[] {"POST", "/v1/admin/reindex"},
                new String[] {"GET", "/v1/admin/reindex/some-job"},
                new String[] {"POST", "/v1/admin/rollback"},
                new String[] {"GET", "/v1/admin/status"},
                new String[] {"GET", "/v1/admin/fairness"});
        for (String[] request : secured) {
            String body = request[0].equals("POST") ? "{}" : null;
            expectError(401, null, send(request[0], request[1], null, body));
            expectError(403, null, send(request[0], request[1], WRONG_TOKEN, body));
            if (request[1].startsWith("/v1/admin/")) {
                expectError(403, null, send(request[0], request[1], API_TOKEN, body));
            }
        }
    }

    private void erasure() throws Exception {
        JsonNode erased = expect(202, send("DELETE", "/v1/admin/users/contract-leaver", ADMIN_TOKEN, null))
                .json();
        assertEquals("contract-leaver", erased.path("userId").asText());
        expectError(400, "userId", send("DELETE", "/v1/admin/users/" + "x".repeat(129), ADMIN_TOKEN, null));
        expect(405, send("GET", "/v1/admin/users/contract-leaver", ADMIN_TOKEN, null));
    }

    private void reindexAndRollback() throws Exception {
        expectError(409, null, send("POST", "/v1/admin/rollback", ADMIN_TOKEN, null));
        expectError(400, "format", send("POST", "/v1/admin/reindex", ADMIN_TOKEN, "{\"format\":\"parquet\"}"));
        expectError(
                400,
                "source",
                send("POST", "/v1/admin/reindex", ADMIN_TOKEN, "{\"format\":\"jsonl\",\"source\":\"/etc/passwd\"}"));
        expectError(
                400, "colour", send("POST", "/v1/admin/reindex", ADMIN_TOKEN, "{\"format\":\"live\",\"colour\":1}"));
        expect(
                400,
                send(
                        "POST",
                        "/v1/admin/reindex",
                        ADMIN_TOKEN,
                        "application/x-ndjson",
                        "{\"format\":\"live\"}\n{\"factors\":2,\"lambda\":0.1,\"alpha\":10,\"yty\":[1,0,0]}\n"));

        JsonNode started = expect(
                        202,
                        send("POST", "/v1/admin/reindex", ADMIN_TOKEN, "{\"format\":\"live\",\"maxErrorRatio\":0}"))
                .json();
        String href = started.path("href").asText();
        assertEquals("/v1/admin/reindex/" + started.path("job").asText(), href);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode job = expect(200, send("GET", href, ADMIN_TOKEN, null)).json();
        while (job.path("state").asText().equals("running")) {
            assertTrue(System.nanoTime() < deadline, "the reindex did not finish: " + job);
            Thread.sleep(100);
            job = expect(200, send("GET", href, ADMIN_TOKEN, null)).json();
        }
        assertEquals("succeeded", job.path("state").asText(), job.toString());
        expectError(404, null, send("GET", "/v1/admin/reindex/no-such-job", ADMIN_TOKEN, null));
        // Each path answers its own methods, and a 405 names them in Allow (checked against the description).
        expect(405, send("GET", "/v1/admin/reindex", ADMIN_TOKEN, null));
        expect(405, send("DELETE", "/v1/admin/reindex", ADMIN_TOKEN, null));
        expect(405, send("POST", "/v1/admin/reindex/no-such-job", ADMIN_TOKEN, "{}"));
        expect(405, send("DELETE", "/v1/admin/reindex/no-such-job", ADMIN_TOKEN, null));

        JsonNode rolledBack = expect(200, send("POST", "/v1/admin/rollback", ADMIN_TOKEN, null))
                .json();
        assertEquals(
                job.path("generation").asLong(), rolledBack.path("previous").asLong(), rolledBack.toString());
    }

    private void statusAndExposure() throws Exception {
        JsonNode status =
                expect(200, send("GET", "/v1/admin/status", ADMIN_TOKEN, null)).json();
        assertTrue(status.has("lastJob") && status.path("previous").isObject(), status.toString());
        JsonNode exposure = expect(200, send("GET", "/v1/admin/fairness", ADMIN_TOKEN, null))
                .json();
        assertTrue(exposure.path("rankings").asLong() > 0, exposure.toString());
        assertFalse(exposure.path("topSellers").isEmpty(), exposure.toString());
    }

    // ---- exchanges and their checks ----------------------------------------------------------------

    /** One request and its answer, as the checks need them. */
    private record Answer(
            String method,
            String rawPathAndQuery,
            String token,
            String requestType,
            String requestBody,
            int status,
            Map<String, String> headers,
            String text) {

        JsonNode json() {
            try {
                return Json.MAPPER.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        String path() {
            int query = rawPathAndQuery.indexOf('?');
            return query < 0 ? rawPathAndQuery : rawPathAndQuery.substring(0, query);
        }

        List<String> queryNames() {
            int query = rawPathAndQuery.indexOf('?');
            if (query < 0) {
                return List.of();
            }
            return Arrays.stream(rawPathAndQuery.substring(query + 1).split("&"))
                    .filter(pair -> !pair.isEmpty())
                    .map(pair -> URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8))
                    .toList();
        }

        @Override
        public String toString() {
            return method + " " + rawPathAndQuery + " -> " + status;
        }
    }

    private Answer send(String method, String pathAndQuery, String token, String body) throws Exception {
        return send(method, pathAndQuery, token, JSON, body);
    }

    private Answer send(String method, String pathAndQuery, String token, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> headers = new TreeMap<>();
        response.headers()
                .map()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
        return check(new Answer(
                method,
                pathAndQuery,
                token,
                body == null ? null : type,
                body,
                response.statusCode(),
                headers,
                response.body()));
    }

    /** A request written byte for byte over a socket; {@code method} and {@code path} say what it asked for. */
    private Answer raw(String method, String path, String request) throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(service.httpPort(), request);
        return check(new Answer(method, path, null, null, null, answer.status(), answer.headers(), answer.body()));
    }

    private static Answer expect(int status, Answer answer) {
        assertEquals(status, answer.status(), answer + ": " + answer.text());
        return answer;
    }

    private static void expectError(int status, String field, Answer answer) {
        expect(status, answer);
        JsonNode body = answer.json();
        assertEquals(field == null ? "" : field, body.path("field").asText(""), answer + ": " + body);
    }

    /** Holds {@code answer} to the description; what does not fit is added to {@link #violations}. */
    private Answer check(Answer answer) {
        String method = answer.method();
        String template = api.template(answer.path()).orElse(null);
        if (template == null) {
            requireThat(answer.status() == 404, answer, "an undocumented path must be a 404");
            validateBody(answer, "/components/responses/NotFound");
            return answer;
        }
        if (!api.methods(template).contains(method)) {
            requireThat(answer.status() == 405, answer, "an undocumented method must be a 405");
            Set<String> allowed = new TreeSet<>(api.methods(template));
            if (allowed.contains("GET")) {
                allowed.add("HEAD");
            }
            Set<String> allow = Arrays.stream(answer.header("Allow").split(","))
                    .map(String::strip)
                    .filter(name -> !name.isEmpty())
                    .collect(Collectors.toCollection(TreeSet::new));
            requireThat(
                    allow.equals(allowed),
                    answer,
                    "Allow is '" + answer.header("Allow") + "', the description has " + allowed);
            validateBody(answer, "/components/responses/MethodNotAllowed");
            return answer;
        }
        seen.computeIfAbsent(method + " " + template, key -> new TreeSet<>()).add(answer.status());
        var response = api.responsePointer(template, method, answer.status());
        if (response.isEmpty()) {
            violations.add(
                    answer + ": the description lists no " + answer.status() + " for " + method + " " + template);
            return answer;
        }
        validateBody(answer, response.get());
        if (answer.status() < 300) {
            checkRequest(answer, template);
        } else if (answer.status() == 403 && API_TOKEN.equals(answer.token())) {
            requireThat(
                    !api.securitySchemes(template, method).contains("apiToken"),
                    answer,
                    "refused the API token, which the description names");
        }
        return answer;
    }

    /** The answer's body and headers against the response object at {@code pointer}. */
    private void validateBody(Answer answer, String pointer) {
        JsonNode response = api.at(pointer);
        response.path("headers").fieldNames().forEachRemaining(name -> {
            String value = answer.header(name);
            requireThat(!value.isEmpty(), answer, "no " + name + " header");
            String schema = pointer + "/headers/" + OpenApiDescription.escape(name) + "/schema";
            String json = Json.write(Json.MAPPER.getNodeFactory().textNode(value));
            problems(answer, "header " + name, json, api.validate(schema, json));
        });
        JsonNode content = response.path("content");
        if (content.isEmpty()) {
            requireThat(answer.text().isEmpty(), answer, "a body where the description has none");
            return;
        }
        String type = answer.header("Content-Type").split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!content.has(type)) {
            violations.add(answer + ": Content-Type " + type + " is not among " + fieldNames(content));
            return;
        }
        if (type.equals(JSON)) {
            String schema = pointer + "/content/" + OpenApiDescription.escape(JSON) + "/schema";
            problems(answer, "body", answer.text(), api.validate(schema, answer.text()));
        }
    }

    /** What a successful request sent: documented parameters, a documented body, an accepted token. */
    private void checkRequest(Answer answer, String template) {
        String method = answer.method();
        Set<String> documented = api.queryParameters(template, method);
        for (String name : answer.queryNames()) {
            requireThat(documented.contains(name), answer, "query parameter '" + name + "' is not documented");
        }
        if (answer.requestBody() != null) {
            String body = OpenApiDescription.operationPointer(template, method) + "/requestBody";
            JsonNode content = api.at(api.follow(body)).path("content");
            requireThat(
                    content.has(answer.requestType()),
                    answer,
                    "request type " + answer.requestType() + " is not documented");
            if (JSON.equals(answer.requestType()) && content.has(JSON)) {
                String schema = api.follow(body) + "/content/" + OpenApiDescription.escape(JSON) + "/schema";
                problems(answer, "request body", answer.requestBody(), api.validate(schema, answer.requestBody()));
            }
        }
        Set<String> schemes = api.securitySchemes(template, method);
        if (answer.token() == null) {
            requireThat(
                    api.allowsAnonymous(template, method),
                    answer,
                    "succeeded without a token, which the description requires");
        } else if (answer.token().equals(API_TOKEN)) {
            requireThat(
                    schemes.contains("apiToken"),
                    answer,
                    "succeeded with the API token, which the description does not name");
        } else if (answer.token().equals(ADMIN_TOKEN)) {
            requireThat(
                    schemes.contains("adminToken"),
                    answer,
                    "succeeded with the admin token, which the description does not name");
        }
    }

    private void requireThat(boolean condition, Answer answer, String message) {
        if (!condition) {
            violations.add(answer + ": " + message);
        }
    }

    /** Adds the schema's complaints about {@code what} (the answer's body, a header, the request body). */
    private void problems(Answer answer, String what, String instance, List<String> problems) {
        for (String problem : problems) {
            violations.add(answer + ": " + what + " " + problem + " in " + abbreviate(instance));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
