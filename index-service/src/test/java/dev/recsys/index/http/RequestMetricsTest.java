package dev.recsys.index.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.metrics.MetricsExposition;
import dev.recsys.infra.metrics.PrometheusText;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Request metrics recorded by {@link ApiHandler} for every endpoint, read back from {@code /metrics}. */
class RequestMetricsTest {
    private static ApiServer server;
    private static HttpClient http;

    /** Fails with a 500 for every request. */
    private static final class FailingEndpoint extends ApiHandler {
        FailingEndpoint() {
            super("/boom", true, "GET");
        }

        @Override
        protected ApiResponse serve(ApiRequest request) {
            throw new IllegalStateException("boom");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        server = ApiServer.start(
                0,
                List.of(
                        new HealthEndpoint(),
                        new MetricsEndpoint(new MetricsExposition(registry)),
                        new FailingEndpoint()),
                new RequestMetrics(registry));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A scrape that satisfies {@code until}: a request is counted just after its answer went out, so
     * the client can be a moment ahead of the counters.
     */
    static PrometheusText scrapeUntil(Predicate<PrometheusText> until, String base, HttpClient http) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/metrics"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals(
                    "text/plain; version=0.0.4; charset=utf-8",
                    response.headers().firstValue("Content-Type").orElse(""));
            PrometheusText parsed = PrometheusText.parse(response.body());
            if (until.test(parsed) || System.nanoTime() > deadline) {
                return parsed;
            }
            Thread.sleep(20);
        }
    }

    private static double requests(PrometheusText parsed, String endpoint, String status) {
        return parsed.value("recsys_http_requests_total", Map.of("endpoint", endpoint, "status", status))
                .orElse(0.0);
    }

    @Test
    void everyEndpointIsCountedByStatusClassTimedAndTrackedInFlight() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, send("GET", "/healthz").statusCode());
        }
        assertEquals(405, send("POST", "/healthz").statusCode());
        assertEquals(404, send("GET", "/healthz/extra").statusCode());
        assertEquals(404, send("GET", "/no/such/path").statusCode());
        assertEquals(500, send("GET", "/boom").statusCode());
        HttpResponse<String> head = send("HEAD", "/metrics");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());

        String base = "http://127.0.0.1:" + server.port();
        PrometheusText parsed = scrapeUntil(p -> requests(p, "/boom", "5xx") == 1, base, http);
        assertEquals(3, requests(parsed, "/healthz", "2xx"));
        assertEquals(1, requests(parsed, "/healthz", "4xx"));
        assertEquals(2, requests(parsed, "/", "4xx"), "unknown paths, and those under an exact one, share one series");
        assertEquals(1, requests(parsed, "/boom", "5xx"));
        assertTrue(requests(parsed, "/metrics", "2xx") >= 1);
        assertEquals(
                4,
                parsed.value("recsys_http_request_duration_seconds_count", Map.of("endpoint", "/healthz"))
                        .orElseThrow());
        double seconds = parsed.value("recsys_http_request_duration_seconds_sum", Map.of("endpoint", "/healthz"))
                .orElseThrow();
        assertTrue(seconds > 0 && seconds < 10, "latency in seconds: " + seconds);
        List<Double> bounds = parsed.samples("recsys_http_request_duration_seconds_bucket").stream()
                .filter(sample -> sample.labels().get("endpoint").equals("/healthz"))
                .map(sample -> PrometheusText.number(sample.labels().get("le")))
                .toList();
        List<Double> configured = new ArrayList<>();
        DoubleStream.of(RequestMetrics.LATENCY_BUCKETS).forEach(configured::add);
        configured.add(Double.POSITIVE_INFINITY);
        assertEquals(configured, bounds, "the configured buckets only: a fixed number of series per endpoint");
        assertEquals(
                1,
                parsed.value("recsys_http_requests_in_flight", Map.of("endpoint", "/metrics"))
                        .orElseThrow(),
                "the scrape itself is in flight");
        assertEquals(
                0,
                parsed.value("recsys_http_requests_in_flight", Map.of("endpoint", "/healthz"))
                        .orElseThrow());
    }

    @Test
    void statusClasses() {
        assertEquals("2xx", RequestMetrics.statusClass(202));
        assertEquals("4xx", RequestMetrics.statusClass(413));
        assertEquals("5xx", RequestMetrics.statusClass(503));
        assertEquals("other", RequestMetrics.statusClass(99));
    }
}
