package dev.recsys.index.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.index.IndexService;
import dev.recsys.index.ServiceConfig;
import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.infra.metrics.PrometheusText;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.records.CatalogItem;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests no well-behaved client sends, written byte for byte over a socket to the whole service: each
 * gets the JSON error body with a 4xx status (505 for an HTTP version the service does not speak), names
 * no class, repeats none of the raw input, and is counted in {@code /metrics}. Only the wire is tested,
 * so this holds whatever serves the HTTP.
 */
class MalformedRequestsIT {
    /** Put into the malformed part of requests; an answer that contains it echoes raw input. */
    private static final String MARKER = "zq7raw";

    /** An item id with the two characters a path can carry only encoded. */
    private static final String SLASHED_ID = "sku/50%-off";

    private static final String HOST = " HTTP/1.1\r\nHost: localhost\r\n";

    private static final Pattern CLASS_NAME = Pattern.compile("(?i)exception|\\b(java|javax|jdk|sun|org|com)\\.[a-z]");

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path dir;

    private static IndexService service;
    private static HttpClient http;

    @BeforeAll
    static void startService() throws Exception {
        List<CatalogItem> items = new ArrayList<>(SampleCatalog.generate(40, 11));
        CatalogItem first = items.getFirst();
        items.add(new CatalogItem(
                SLASHED_ID,
                "Half-price " + first.title(),
                first.description(),
                first.category(),
                first.brand(),
                first.tags(),
                first.sellerId(),
                first.sellerTier(),
                first.price() / 2,
                true,
                first.createdAt(),
                first.attributes()));
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
                "malformed-requests-admin-token"));
        service.start();
        assertTrue(service.awaitReady(Duration.ofSeconds(60)), "service not ready: " + service.missing());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    /**
     * One request no client library would send.
     *
     * @param endpoints the endpoint labels one of which counts it (a body is read by the endpoint or, when
     *     its first bytes arrive with the headers, rejected by the server before routing)
     */
    record Case(String name, String request, int status, String error, List<String> endpoints) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case rejected(String name, String request, int status, String error) {
        return new Case(name, request, status, error, List.of(RequestMetrics.REJECTED));
    }

    static Stream<Case> cases() {
        String events = "POST /v1/events" + HOST + "Content-Type: application/json\r\n";
        return Stream.of(
                new Case(
                        "malformed percent-encoding in a query parameter",
                        "GET /v1/feed?user=%ZZ" + MARKER + HOST + "\r\n",
                        400,
                        "bad_request",
                        List.of("/v1/feed")),
                rejected(
                        "malformed percent-encoding in the path",
                        "GET /%ZZ" + MARKER + HOST + "\r\n",
                        400,
                        "bad_request"),
                rejected(
                        "malformed percent-encoding in an item id",
                        "GET /v1/items/%ZZ" + HOST + "\r\n",
                        400,
                        "bad_request"),
                rejected(
                        "a Content-Length that is not a number",
                        events + "Content-Length: " + MARKER + "\r\n\r\n{}",
                        400,
                        "bad_request"),
                rejected(
                        "two different Content-Lengths",
                        events + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
                        400,
                        "bad_request"),
                rejected(
                        "Content-Length beside Transfer-Encoding",
                        events + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                        400,
                        "bad_request"),
                rejected(
                        "a Transfer-Encoding other than chunked",
                        events + "Transfer-Encoding: " + MARKER + "\r\n\r\n{}",
                        400,
                        "bad_request"),
                new Case(
                        "a malformed chunk size",
                        events + "Transfer-Encoding: chunked\r\n\r\n" + MARKER + "\r\n{}\r\n0\r\n\r\n",
                        400,
                        "bad_request",
                        List.of(RequestMetrics.REJECTED, EventsEndpoint.PATH)),
                rejected(
                        "a 1 MiB header",
                        "GET /healthz" + HOST + "X-Big: " + MARKER.repeat((1 << 20) / MARKER.length()) + "\r\n\r\n",
                        431,
                        "header_fields_too_large"),
                rejected(
                        "a 100 kB request line",
                        "GET /v1/feed?user=" + MARKER.repeat(100_000 / MARKER.length()) + HOST + "\r\n",
                        414,
                        "uri_too_long"),
                rejected("a request line that is not HTTP", MARKER + "\r\n\r\n", 400, "bad_request"),
                rejected(
                        "a control character in a header",
                        "GET /healthz" + HOST + "X-Note: " + MARKER + "\u0001\r\n\r\n",
                        400,
                        "bad_request"),
                rejected(
                        "HTTP/3.0 on an HTTP/1 connection",
                        "GET /healthz HTTP/3.0\r\nHost: localhost\r\n\r\n",
                        505,
                        "http_version_not_supported"),
                rejected("HTTP/1.1 without Host", "GET /healthz HTTP/1.1\r\n\r\n", 400, "bad_request"),
                rejected("a '..' segment", "GET /v1/items/../healthz" + HOST + "\r\n", 400, "bad_request"),
                rejected("an encoded '..' segment", "GET /v1/items/%2E%2E/similar" + HOST + "\r\n", 400, "bad_request"),
                rejected("an empty segment", "GET /v1//feed?user=u" + HOST + "\r\n", 400, "bad_request"),
                rejected("a fragment", "GET /v1/feed?user=u#" + MARKER + HOST + "\r\n", 400, "bad_request"),
                new Case(
                        "a body over the endpoint's limit",
                        events + "Content-Length: " + (2 << 20) + "\r\n\r\n" + "[" + " ".repeat((2 << 20) - 2) + "]",
                        413,
                        "payload_too_large",
                        List.of(EventsEndpoint.PATH)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAnsweredWithTheJsonErrorBodyAndCounted(Case request) throws Exception {
        String statusClass = RequestMetrics.statusClass(request.status());
        double before = counted(scrapeUntil(p -> true), request.endpoints(), statusClass);

        RawHttp.Answer answer = RawHttp.exchange(service.httpPort(), request.request());

        assertEquals(request.status(), answer.status(), answer.body());
        assertEquals("application/json", answer.header("Content-Type"), answer.body());
        JsonNode body = Json.MAPPER.readTree(answer.body());
        assertEquals(request.error(), body.path("error").asText(), answer.body());
        assertFalse(body.path("message").asText().isBlank(), answer.body());
        assertFalse(CLASS_NAME.matcher(answer.body()).find(), "names a class: " + answer.body());
        assertFalse(answer.body().contains(MARKER), "echoes the raw request: " + answer.body());
        assertTrue(answer.body().length() < 300, "a short message: " + answer.body());
        if (request.status() == 413) {
            assertEquals("close", answer.header("Connection"), "the rest of the body is not read");
        }

        PrometheusText after = scrapeUntil(p -> counted(p, request.endpoints(), statusClass) >= before + 1);
        assertEquals(before + 1, counted(after, request.endpoints(), statusClass), String.valueOf(request.endpoints()));
    }

    @Test
    void anItemIdWithAnEncodedSlashAndPercentSignIsOneSegment() throws Exception {
        RawHttp.Answer item = RawHttp.exchange(service.httpPort(), "GET /v1/items/sku%2F50%25-off" + HOST + "\r\n");
        assertEquals(200, item.status(), item.body());
        assertEquals(
                SLASHED_ID, Json.MAPPER.readTree(item.body()).path("itemId").asText());

        RawHttp.Answer similar =
                RawHttp.exchange(service.httpPort(), "GET /v1/items/sku%2F50%25-off/similar?k=3" + HOST + "\r\n");
        assertEquals(200, similar.status(), similar.body());
        assertEquals(
                SLASHED_ID, Json.MAPPER.readTree(similar.body()).path("itemId").asText());
        assertEquals(3, Json.MAPPER.readTree(similar.body()).path("items").size());
    }

    @Test
    void rejectedRequestsShareOneSeriesPerStatusClass() throws Exception {
        for (String path : List.of("/%ZZ", "/a/%ZZ", "/b/%ZZ/c", "/v1/%Z1")) {
            assertEquals(
                    400,
                    RawHttp.exchange(service.httpPort(), "GET " + path + HOST + "\r\n")
                            .status());
        }
        PrometheusText parsed = scrapeUntil(p -> true);
        List<String> endpoints = parsed.samples.stream()
                .filter(sample -> sample.name().equals("recsys_http_requests_total"))
                .map(sample -> sample.labels().get("endpoint"))
                .filter(endpoint -> endpoint.contains("%"))
                .toList();
        assertEquals(List.of(), endpoints, "a request's own path became a label");
    }

    /** How many requests the series of {@code endpoints} and {@code statusClass} counted together. */
    private static double counted(PrometheusText parsed, List<String> endpoints, String statusClass) {
        double sum = 0;
        for (String endpoint : endpoints) {
            sum += parsed.value("recsys_http_requests_total", Map.of("endpoint", endpoint, "status", statusClass))
                    .orElse(0.0);
        }
        return sum;
    }

    private static PrometheusText scrapeUntil(Predicate<PrometheusText> until) throws Exception {
        return RequestMetricsTest.scrapeUntil(until, "http://127.0.0.1:" + service.httpPort(), http);
    }
}
