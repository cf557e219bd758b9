package dev.recsys.tools.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.cli.Cli;
import dev.recsys.cli.Converters;
import dev.recsys.cli.Ranges;
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
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Measures freshness end to end, from the outside: posts one event for a brand-new shopper to
 * {@code POST /v1/events}, then polls until that shopper's feed is personalised by the event
 * (profileVersion 1), and reports the distribution over many events. Everything in between —
 * Kafka, the Flink job, the user-vectors topic, the service's consumer — is on the measured path.
 *
 * <p>It polls {@code GET /v1/users/{id}} every 5 ms until the shopper's vectors have arrived (a
 * look-up in the service), and only then {@code GET /v1/feed} (a whole ranking), whose answer ends
 * the measurement. Polling the feed itself every 5 ms made a slow probe a load of its own, on the
 * machine it measures: up to 200 rankings a second while an update was late, which made it later.
 *
 * <p>With {@code --history N} each probe shopper first gets {@code N - 1} events, on other items, that are
 * awaited and not measured; the measured event is the {@code N}-th, and the probe ends with the first feed
 * answer built on all {@code N} ({@code profileVersion} N). A sequence model reads a history of two items or
 * more, so {@code --history 2 --expect-source seq} measures until the model's part is in the feed: the
 * answer must also list {@code seq} in {@code sources}. With {@code --alternate-feed-params Q} every
 * second probe reads its feed with the query parameters Q instead (say {@code w.seq=0}, the model left
 * out) and expects no source: the two variants are measured side by side, under the same load, and
 * reported apart.
 *
 * <p>One probe at a time. By default they run back to back; with {@code --interval-ms} probe {@code i}
 * starts {@code i × interval} after the first (or as soon as the one before ends, if that is later), so the
 * probes can be spread over a load test, and with {@code --window-ms} none starts after that much time (the
 * ones left are reported as not started). See {@link ProbePacing}.
 *
 * <p>With {@code --erase} it measures erasure instead ({@link #runErasures}): each brand-new shopper, once
 * served, is erased with {@code DELETE /v1/admin/users/{id}} (the token must then be the admin token), and
 * two times are taken from the request: until the service serves nothing of the shopper (the feed is a
 * cold-start one and their record is gone), and until the stream job has applied the erasure too (an event
 * sent after it is served as the first of a new profile: before the job applies the erasure, the profile it
 * extends is refused as older than the erasure).
 *
 * <p>Usage: {@code ./recsys freshness [--server http://127.0.0.1:8080] [--events 200] [--timeout-ms 10000]
 * [--interval-ms 0] [--window-ms N] [--token T] [--erase]}. A shopper's record always needs a token, so {@code --token}
 * (default: the environment variable {@value LoadTool#TOKEN_ENV}, else {@value ReindexCli#TOKEN_ENV}) is sent
 * as {@code Authorization: Bearer} with every request: the service's API token, or its admin token.
 */
public final class FreshnessProbe {
    /** The flags, as {@code --help} and docs/CONFIGURATION.md show them. */
    public static CommandSpec spec() {
        return Cli.spec(new Flags(Map.of()));
    }

    private static final Duration POLL_INTERVAL = Duration.ofMillis(5);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    /** A probe without a token (a service whose shopper records it may not read will refuse it). */
    public FreshnessProbe(String baseUrl) {
        this(baseUrl, null);
    }

    /** @param token sent as {@code Authorization: Bearer <token>}: the API token, or the admin token */
    public FreshnessProbe(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    /** {@code --token}, else the API token's variable, else the admin token's: the record accepts either. */
    static String token(String given, Map<String, String> env) {
        return BearerToken.resolve(given, env, LoadTool.TOKEN_ENV, ReindexCli.TOKEN_ENV);
    }

    public static void main(String[] args) throws Exception {
        System.exit(Cli.run(new Flags(System.getenv()), args, Map.of(), System.out, System.err));
    }

    /** The flags of {@code ./recsys freshness}. */
    @Command(
            name = "recsys freshness",
            description = "Event -> feed freshness of a running index service, measured from the outside: one event"
                    + " for each of N new shoppers, then polls until their feed is personalised. With --erase, how"
                    + " long an erasure takes instead.")
    static final class Flags implements Callable<Integer> {
        @Option(
                names = {"--server", "--url"},
                paramLabel = "URL",
                defaultValue = LoadTool.DEFAULT_URL,
                description = "the index service")
        private String server;

        @Option(
                names = "--events",
                paramLabel = "N",
                defaultValue = "200",
                description = "probes, one new shopper each")
        private long events;

        @Option(
                names = "--timeout-ms",
                paramLabel = "MS",
                defaultValue = "10000",
                converter = Converters.WholeNumber.class,
                description = "how long a probe waits before it counts as timed out")
        private long timeoutMs;

        @Option(
                names = "--interval-ms",
                paramLabel = "MS",
                defaultValue = "0",
                converter = Converters.WholeNumber.class,
                description = "probe i starts i × this after the first; 0 for back to back")
        private long intervalMs;

        @Option(
                names = "--window-ms",
                paramLabel = "MS",
                converter = Converters.WholeNumber.class,
                description = "no probe starts after this much time (default: no limit)")
        private Long windowMs;

        @Option(
                names = "--token",
                paramLabel = "T",
                description = "the service's API token, or its admin token (default: $" + LoadTool.TOKEN_ENV
                        + ", else $" + ReindexCli.TOKEN_ENV + "); with --erase the admin token")
        private String token;

        @Option(
                names = "--history",
                paramLabel = "N",
                defaultValue = "1",
                description = "events per probe shopper; the first N-1 are awaited, the N-th is measured")
        private long history;

        @Option(
                names = "--expect-source",
                paramLabel = "NAME",
                description = "the measured feed must also list this score source (e.g. seq)")
        private String expectSource;

        @Option(
                names = "--alternate-feed-params",
                paramLabel = "QUERY",
                description = "every second probe reads its feed with these query parameters (e.g. w.seq=0),"
                        + " expecting no source; reported apart")
        private String alternate;

        @Option(names = "--erase", description = "measure erasure instead: erase each shopper once served")
        private boolean erase;

        private final Map<String, String> env;

        Flags(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() throws Exception {
            FreshnessProbe probe =
                    new FreshnessProbe(ReindexCli.httpUrl("--server", server).toString(), token(token, env));
            int count = (int) Ranges.between("--events", events, 1, 1_000_000);
            long timeout = Ranges.between("--timeout-ms", timeoutMs, 1, 3_600_000);
            ProbePacing pacing = new ProbePacing(
                    Duration.ofMillis(Ranges.between("--interval-ms", intervalMs, 0, 3_600_000)),
                    windowMs == null
                            ? ProbePacing.BACK_TO_BACK.window()
                            : Duration.ofMillis(Ranges.between("--window-ms", windowMs, 1, 86_400_000)));
            if (erase) {
                Erasures erasures = probe.runErasures(count, timeout);
                System.out.println(erasures.served().summary("erasure -> nothing served (feed, /v1/users)"));
                System.out.println(erasures.applied().summary("erasure -> applied by the stream job"));
                return erasures.served().timeouts() + erasures.applied().timeouts() == 0 ? 0 : 1;
            }
            Variant measured = new Variant("", expectSource);
            if (alternate == null) {
                Result result = probe.run(
                                count,
                                timeout,
                                pacing,
                                (int) Ranges.between("--history", history, 1, 20),
                                List.of(measured))
                        .get(0);
                System.out.println(result.summary());
                return result.timeouts() == 0 ? 0 : 1;
            }
            Variant other = new Variant(LoadFlags.feedParams(alternate), null);
            List<Result> results = probe.run(
                    count,
                    timeout,
                    pacing,
                    (int) Ranges.between("--history", history, 1, 20),
                    List.of(measured, other));
            System.out.println(results.get(0)
                    .summary("event -> /v1/feed freshness"
                            + (expectSource == null ? "" : " (until " + expectSource + " is among the sources)")));
            System.out.println(results.get(1).summary("event -> /v1/feed freshness with " + alternate));
            return results.get(0).timeouts() + results.get(1).timeouts() == 0 ? 0 : 1;
        }
    }

    /**
     * The latencies in milliseconds, in the order measured, the events never seen, and the probes not
     * started because the window was over. Percentiles are taken over every event probed, a timed-out one
     * counting as slower than all others: if 2 of 100 timed out, p99 is "timed out", not the 99th of the 98
     * that were seen.
     */
    public record Result(List<Double> latenciesMs, int timeouts, int notStarted) {
        /** The latency at percentile {@code p} (0-100); infinite when it falls on a timed-out event, NaN if none. */
        public double percentile(double p) {
            int events = latenciesMs.size() + timeouts;
            if (events == 0) {
                return Double.NaN;
            }
            int index = Math.max(0, Math.min(events - 1, (int) Math.ceil(p / 100.0 * events) - 1));
            if (index >= latenciesMs.size()) {
                return Double.POSITIVE_INFINITY;
            }
            List<Double> sorted = new ArrayList<>(latenciesMs);
            sorted.sort(Double::compare);
            return sorted.get(index);
        }

        public String summary() {
            return summary("event -> /v1/feed freshness");
        }

        /** The distribution under the name {@code measured}. */
        public String summary(String measured) {
            String summary = String.format(
                    Locale.ROOT,
                    "%s over %d events (%d timed out): p50 %s, p90 %s, p99 %s, max %s",
                    measured,
                    latenciesMs.size() + timeouts,
                    timeouts,
                    milliseconds(percentile(50)),
                    milliseconds(percentile(90)),
                    milliseconds(percentile(99)),
                    milliseconds(percentile(100)));
            return notStarted == 0 ? summary : summary + "; " + notStarted + " not started (window over)";
        }

        private static String milliseconds(double value) {
            return Double.isInfinite(value) ? "timed out" : String.format(Locale.ROOT, "%.1f ms", value);
        }
    }

    /**
     * How a probe reads its feed.
     *
     * @param feedParams added to the feed request's query, URL-encoded, or empty
     * @param expectSource a score source the feed must list, or {@code null}
     */
    public record Variant(String feedParams, String expectSource) {
        public static final Variant PLAIN = new Variant("", null);
    }

    /** {@code events} probes of one event each, feeds read as they are. */
    public Result run(int events, long timeoutMs, ProbePacing pacing) throws IOException, InterruptedException {
        return run(events, timeoutMs, pacing, 1, List.of(Variant.PLAIN)).get(0);
    }

    /**
     * {@code events} probes of {@code history} events each (the last measured), probe {@code i} reading its
     * feed as variant {@code i mod variants.size()}; one result per variant.
     */
    public List<Result> run(int events, long timeoutMs, ProbePacing pacing, int history, List<Variant> variants)
            throws IOException, InterruptedException {
        List<String> itemIds = someItemIds(history);
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<List<Double>> latencies = new ArrayList<>();
        int[] timeouts = new int[variants.size()];
        variants.forEach(v -> latencies.add(new ArrayList<>()));
        long runStart = System.nanoTime();
        for (int i = 0; i < events; i++) {
            OptionalLong wait = pacing.nanosUntilStart(i, System.nanoTime() - runStart);
            if (wait.isEmpty()) {
                return results(latencies, timeouts, events - i);
            }
            Thread.sleep(Duration.ofNanos(wait.getAsLong()));
            int variant = i % variants.size();
            Variant reading = variants.get(variant);
            String shopper = "probe-" + run + "-" + i;
            for (int e = 1; e < history; e++) {
                postEvent(shopper, itemIds.get(e), "probe-" + run + "-e" + i + "-" + e);
                int version = e;
                if (!await(timeoutMs, () -> vectorsArrived(shopper, version))) {
                    throw new IllegalStateException("the service never served event " + e + " of " + shopper);
                }
            }
            long start = System.nanoTime();
            postEvent(shopper, itemIds.get(0), "probe-" + run + "-e" + i);
            boolean seen = false;
            while (System.nanoTime() - start < timeoutMs * 1_000_000L) {
                if (vectorsArrived(shopper, history) && feedVersion(shopper, reading) >= history) {
                    seen = true;
                    break;
                }
                Thread.sleep(POLL_INTERVAL);
            }
            if (seen) {
                latencies.get(variant).add((System.nanoTime() - start) / 1e6);
            } else {
                timeouts[variant]++;
            }
        }
        return results(latencies, timeouts, 0);
    }

    private static List<Result> results(List<List<Double>> latencies, int[] timeouts, int notStarted) {
        List<Result> out = new ArrayList<>();
        for (int v = 0; v < latencies.size(); v++) {
            // The probes not started are spread over the variants as the ones that started were.
            int share = notStarted / latencies.size() + (v < notStarted % latencies.size() ? 1 : 0);
            out.add(new Result(latencies.get(v), timeouts[v], share));
        }
        return out;
    }

    /**
     * What {@link #runErasures} measured, each from the erasure request.
     *
     * @param served until the service served nothing of the shopper
     * @param applied until an event sent after the erasure was served as the first of a new profile
     */
    public record Erasures(Result served, Result applied) {}

    /** Erases {@code events} brand-new shoppers one at a time, each once the service serves them. */
    public Erasures runErasures(int events, long timeoutMs) throws IOException, InterruptedException {
        String itemId = someItemId();
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<Double> served = new ArrayList<>();
        List<Double> applied = new ArrayList<>();
        int servedTimeouts = 0;
        int appliedTimeouts = 0;
        for (int i = 0; i < events; i++) {
            String shopper = "erasure-probe-" + run + "-" + i;
            postEvent(shopper, itemId, shopper + "-before");
            if (!await(timeoutMs, () -> vectorsArrived(shopper, 1))) {
                throw new IllegalStateException("the service never served " + shopper + " within " + timeoutMs + " ms");
            }
            long start = System.nanoTime();
            delete("/v1/admin/users/" + URLEncoder.encode(shopper, StandardCharsets.UTF_8));
            if (await(timeoutMs, () -> !vectorsArrived(shopper, 1) && feedVersion(shopper, Variant.PLAIN) < 1)) {
                served.add((System.nanoTime() - start) / 1e6);
            } else {
                servedTimeouts++;
            }
            // Sent after the erasure was recorded, so its time is after the erasure's.
            postEvent(shopper, itemId, shopper + "-after");
            if (await(timeoutMs, () -> vectorsArrived(shopper, 1))) {
                applied.add((System.nanoTime() - start) / 1e6);
            } else {
                appliedTimeouts++;
            }
        }
        return new Erasures(new Result(served, servedTimeouts, 0), new Result(applied, appliedTimeouts, 0));
    }

    private interface Check {
        boolean holds() throws IOException, InterruptedException;
    }

    /** Polls {@code check} every {@link #POLL_INTERVAL} until it holds ({@code true}) or the time is up. */
    private static boolean await(long timeoutMs, Check check) throws IOException, InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < timeoutMs * 1_000_000L) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(POLL_INTERVAL);
        }
        return false;
    }

    private void delete(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw refused("DELETE " + path, response.statusCode(), response.body());
        }
    }

    private String someItemId() throws IOException, InterruptedException {
        return someItemIds(1).get(0);
    }

    /** {@code count} different items of a cold-start feed to interact with. */
    private List<String> someItemIds(int count) throws IOException, InterruptedException {
        JsonNode feed = get("/v1/feed?user=probe-cold-start&k=" + Math.max(5, count));
        JsonNode items = feed.path("items");
        if (!items.isArray() || items.size() < count) {
            throw new IllegalStateException(
                    "the service returned fewer than " + count + " items to interact with: " + feed);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(items.get(i).path("itemId").asText());
        }
        return ids;
    }

    private void postEvent(String shopper, String itemId, String eventId) throws IOException, InterruptedException {
        String body = String.format(
                Locale.ROOT,
                "{\"eventId\":\"%s\",\"userId\":\"%s\",\"itemId\":\"%s\",\"type\":\"view\",\"ts\":%d}",
                eventId,
                shopper,
                itemId,
                System.currentTimeMillis());
        HttpRequest request = request("/v1/events")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw refused("POST /v1/events", response.statusCode(), response.body());
        }
    }

    /**
     * Whether the service holds vectors of at least {@code version} for the shopper: 200 from {@code
     * /v1/users/{id}} (404 until then) with that {@code version}.
     */
    private boolean vectorsArrived(String shopper, long version) throws IOException, InterruptedException {
        String path = "/v1/users/" + URLEncoder.encode(shopper, StandardCharsets.UTF_8);
        HttpRequest request = request(path).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return false;
        }
        if (response.statusCode() != 200) {
            throw refused("GET " + path, response.statusCode(), response.body());
        }
        return version <= 1
                || Json.MAPPER.readTree(response.body()).path("version").asLong(0) >= version;
    }

    /**
     * The profile version the shopper's feed, read as {@code variant}, was built on: 0 for a cold-start one,
     * and for a variant expecting a source, 0 until that source is listed.
     */
    private long feedVersion(String shopper, Variant variant) throws IOException, InterruptedException {
        JsonNode feed = get("/v1/feed?k=10&user=" + URLEncoder.encode(shopper, StandardCharsets.UTF_8)
                + (variant.feedParams().isEmpty() ? "" : "&" + variant.feedParams()));
        if (variant.expectSource() != null) {
            boolean listed = false;
            for (JsonNode source : feed.path("sources")) {
                listed |= source.asText().equals(variant.expectSource());
            }
            if (!listed) {
                return 0;
            }
        }
        return feed.path("profileVersion").asLong(0);
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = request(pathAndQuery).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw refused("GET " + pathAndQuery, response.statusCode(), response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** What went wrong, with what to do about a 401 or 403. */
    private IllegalStateException refused(String what, int status, String body) {
        String hint = status == 401 || status == 403
                ? (token == null
                        ? "; pass --token (the service's API token, or its admin token) or set " + LoadTool.TOKEN_ENV
                        : "; check --token: the service's API token, or its admin token")
                : "";
        return new IllegalStateException(what + " answered " + status + ": " + body + hint);
    }
}
