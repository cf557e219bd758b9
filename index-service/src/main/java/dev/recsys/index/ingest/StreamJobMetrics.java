package dev.recsys.index.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stream job's own counters as the operator console shows them, read from the job's Prometheus endpoints
 * ({@code --job-metrics}): interactions accepted, rejected, for unknown items, duplicates dropped, late
 * events and dead letters, summed over every subtask and endpoint, and the slowest subtask's p99 of event →
 * shopper vector written. Only the job sees duplicates, so only its metrics can tell them.
 *
 * <p>Endpoints are read in the background, at most every {@value #MAX_AGE_SECONDS} s and only while someone
 * asks: {@link #toJson()} answers at once with the last reading and starts the next one when that is older. An
 * endpoint that cannot be read is reported with a short reason of this service's own wording, never with what
 * it answered.
 */
public final class StreamJobMetrics implements AutoCloseable {
    /** Flink's prefix of an operator's metrics as its Prometheus reporter names them. */
    static final String OPERATOR = "flink_taskmanager_job_task_operator_";

    /** The job's counters shown, by their name under {@link #OPERATOR}. */
    static final List<String> COUNTERS = List.of(
            "interactionsAccepted",
            "interactionsRejected",
            "interactionsUnknownItem",
            "duplicates",
            "lateEvents",
            "deadLetters");

    static final int MAX_AGE_SECONDS = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** What one reading of every endpoint found. */
    record Reading(long readAt, List<SourceReading> sources) {}

    /**
     * One endpoint's part: the counters it had (empty with an error), and its subtasks' largest p99 of event →
     * vector in ms (NaN without one).
     */
    record SourceReading(URI url, Map<String, Double> counters, double eventToVectorP99Ms, String error) {
        boolean reachable() {
            return error == null;
        }
    }

    private final List<URI> endpoints;
    private final HttpClient http;
    private final AtomicReference<Reading> latest = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Reading>> inFlight = new AtomicReference<>();

    /** @param endpoints the job's metrics URLs; none leaves the report saying so */
    public StreamJobMetrics(List<URI> endpoints) {
        this.endpoints = List.copyOf(endpoints);
        this.http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * {@code configured}, the time of the reading ({@code readAt}, null before the first), each endpoint with
     * {@code reachable} and its {@code error}, the {@code counters} summed over the reachable ones and {@code
     * eventToVectorP99Ms}; the counters count since the job's tasks last started.
     */
    public ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("configured", !endpoints.isEmpty());
        if (endpoints.isEmpty()) {
            return node;
        }
        Reading reading = latest.get();
        if (reading == null || System.currentTimeMillis() - reading.readAt() > MAX_AGE_SECONDS * 1000L) {
            refresh();
        }
        if (reading == null) {
            node.putNull("readAt");
            return node;
        }
        node.put("readAt", reading.readAt());
        ArrayNode sources = node.putArray("sources");
        Map<String, Double> sums = new LinkedHashMap<>();
        double p99 = Double.NaN;
        for (SourceReading source : reading.sources()) {
            ObjectNode entry = sources.addObject();
            entry.put("url", source.url().toString());
            entry.put("reachable", source.reachable());
            if (!source.reachable()) {
                entry.put("error", source.error());
                continue;
            }
            source.counters().forEach((name, value) -> sums.merge(name, value, Double::sum));
            if (!Double.isNaN(source.eventToVectorP99Ms())) {
                p99 = Double.isNaN(p99) ? source.eventToVectorP99Ms() : Math.max(p99, source.eventToVectorP99Ms());
            }
        }
        if (reading.sources().stream().anyMatch(SourceReading::reachable)) {
            ObjectNode counters = node.putObject("counters");
            for (String name : COUNTERS) {
                counters.put(name, Math.round(sums.getOrDefault(name, 0.0)));
            }
            if (Double.isNaN(p99)) {
                node.putNull("eventToVectorP99Ms");
            } else {
                node.put("eventToVectorP99Ms", p99);
            }
        }
        return node;
    }

    /** Reads every endpoint now, unless a reading is under way (then that one); completes with the reading. */
    public CompletableFuture<Reading> refresh() {
        CompletableFuture<Reading> next = new CompletableFuture<>();
        CompletableFuture<Reading> running = inFlight.compareAndExchange(null, next);
        if (running != null) {
            return running;
        }
        List<CompletableFuture<SourceReading>> reads =
                endpoints.stream().map(this::read).toList();
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            Reading reading = new Reading(
                    System.currentTimeMillis(),
                    reads.stream().map(CompletableFuture::join).toList());
            latest.set(reading);
            inFlight.set(null);
            next.complete(reading);
        });
        return next;
    }

    private CompletableFuture<SourceReading> read(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Accept", "text/plain; version=0.0.4")
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> response.statusCode() == 200
                        ? of(url, response.body())
                        : failed(url, "answered HTTP " + response.statusCode()))
                .exceptionally(failure -> failed(url, reason(failure)));
    }

    /** The job's series out of one scrape, or an error when it holds none of them. */
    static SourceReading of(URI url, String scrape) {
        Map<String, Double> counters = new LinkedHashMap<>();
        double p99 = Double.NaN;
        boolean any = false;
        for (PrometheusSamples.Sample sample : PrometheusSamples.parse(scrape)) {
            if (!sample.name().startsWith(OPERATOR) || !Double.isFinite(sample.value())) {
                continue;
            }
            String name = sample.name().substring(OPERATOR.length());
            if (COUNTERS.contains(name)) {
                counters.merge(name, sample.value(), Double::sum);
                any = true;
            } else if (name.equals("freshnessMs")
                    && "0.99".equals(sample.labels().get("quantile"))) {
                p99 = Double.isNaN(p99) ? sample.value() : Math.max(p99, sample.value());
                any = true;
            }
        }
        return any
                ? new SourceReading(url, counters, p99, null)
                : failed(url, "answered without the stream job's metrics (is it the job's metrics URL?)");
    }

    private static SourceReading failed(URI url, String error) {
        return new SourceReading(url, Map.of(), Double.NaN, error);
    }

    private static String reason(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        }
        if (cause instanceof ConnectException) {
            return "connection refused (is the job running?)";
        }
        if (cause instanceof IOException) {
            return "could not be read (" + cause.getClass().getSimpleName() + ")";
        }
        return "could not be read";
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
