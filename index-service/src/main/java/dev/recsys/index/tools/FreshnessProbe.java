package dev.recsys.index.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.ranker.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures freshness end to end, from the outside: posts one event for a brand-new shopper to
 * {@code POST /v1/events}, then polls {@code GET /v1/feed} until the feed is personalised by that
 * event (profileVersion 1), and reports the distribution over many events. Everything in between —
 * Kafka, the Flink job, the user-vectors topic, the service's consumer — is on the measured path.
 *
 * <p>Usage: {@code ./recsys freshness [--url http://127.0.0.1:8080] [--events 200] [--timeout-ms
 * 10000]}
 */
public final class FreshnessProbe {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(5);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public FreshnessProbe(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:8080";
        int events = 200;
        long timeoutMs = 10_000;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                usage("missing value for " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--url" -> url = value;
                case "--events" -> events = positive(flag, value);
                case "--timeout-ms" -> timeoutMs = positive(flag, value);
                default -> usage("unknown flag " + flag);
            }
        }
        FreshnessProbe probe = new FreshnessProbe(url);
        Result result = probe.run(events, timeoutMs);
        System.out.println(result.summary());
        System.exit(result.timeouts() == 0 ? 0 : 1);
    }

    private static int positive(String flag, String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        usage(flag + " must be a positive integer, got '" + value + "'");
        return 0;
    }

    private static void usage(String problem) {
        System.err.println("freshness: " + problem);
        System.err.println("usage: freshness [--url http://127.0.0.1:8080] [--events 200] [--timeout-ms 10000]");
        System.exit(2);
    }

    /** The latencies in milliseconds, in the order measured, and the events never seen. */
    public record Result(List<Double> latenciesMs, int timeouts) {
        public double percentile(double p) {
            List<Double> sorted = new ArrayList<>(latenciesMs);
            sorted.sort(Double::compare);
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }

        public String summary() {
            return String.format(
                    Locale.ROOT,
                    "event -> /v1/feed freshness over %d events (%d timed out): p50 %.1f ms, p90 %.1f ms,"
                            + " p99 %.1f ms, max %.1f ms",
                    latenciesMs.size() + timeouts,
                    timeouts,
                    percentile(50),
                    percentile(90),
                    percentile(99),
                    percentile(100));
        }
    }

    public Result run(int events, long timeoutMs) throws IOException, InterruptedException {
        String itemId = someItemId();
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<Double> latencies = new ArrayList<>();
        int timeouts = 0;
        for (int i = 0; i < events; i++) {
            String shopper = "probe-" + run + "-" + i;
            long start = System.nanoTime();
            postEvent(shopper, itemId, "probe-" + run + "-e" + i);
            boolean seen = false;
            while (System.nanoTime() - start < timeoutMs * 1_000_000L) {
                if (feedIsPersonalised(shopper)) {
                    seen = true;
                    break;
                }
                Thread.sleep(POLL_INTERVAL);
            }
            if (seen) {
                latencies.add((System.nanoTime() - start) / 1e6);
            } else {
                timeouts++;
            }
        }
        return new Result(latencies, timeouts);
    }

    private String someItemId() throws IOException, InterruptedException {
        JsonNode feed = get("/v1/feed?user=probe-cold-start&k=5");
        JsonNode items = feed.path("items");
        if (!items.isArray() || items.isEmpty()) {
            throw new IllegalStateException("the service returned no items to interact with: " + feed);
        }
        return items.get(0).path("itemId").asText();
    }

    private void postEvent(String shopper, String itemId, String eventId) throws IOException, InterruptedException {
        String body = String.format(
                Locale.ROOT,
                "{\"eventId\":\"%s\",\"userId\":\"%s\",\"itemId\":\"%s\",\"type\":\"view\",\"ts\":%d}",
                eventId,
                shopper,
                itemId,
                System.currentTimeMillis());
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "POST /v1/events answered " + response.statusCode() + ": " + response.body());
        }
    }

    private boolean feedIsPersonalised(String shopper) throws IOException, InterruptedException {
        JsonNode feed = get("/v1/feed?k=10&user=" + URLEncoder.encode(shopper, StandardCharsets.UTF_8));
        return feed.path("profileVersion").asLong(0) >= 1;
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }
}
