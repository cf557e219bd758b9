package dev.recsys.index.http;

import dev.recsys.index.metrics.Counter;
import dev.recsys.index.metrics.Gauge;
import dev.recsys.index.metrics.Histogram;
import dev.recsys.index.metrics.MetricsRegistry;

/**
 * Requests by endpoint: count by status class, latency, in flight. {@link ApiHandler} records every
 * request here, and {@link JsonErrorHandler} those the server rejects before routing them. The {@code
 * endpoint} label is the path the endpoint is registered under ({@code /v1/items/} for every item, {@code
 * /} for unknown paths) or {@value #REJECTED}, never the request's own path, so the number of series stays
 * fixed whatever clients send.
 */
public final class RequestMetrics {
    /** Seconds: from a cache-like 1 ms to a 2.5 s request that has certainly gone wrong. */
    static final double[] LATENCY_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

    /** The endpoint label of requests rejected before routing (malformed, oversized, unsupported version). */
    public static final String REJECTED = "(rejected)";

    /** For handlers served without a registry. */
    static final RequestMetrics NONE = new RequestMetrics(new MetricsRegistry());

    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final Counter requests;
    private final Histogram latency;
    private final Gauge inFlight;

    public RequestMetrics(MetricsRegistry registry) {
        requests = registry.counter(
                "recsys_http_requests_total",
                "HTTP requests answered, by endpoint and status class.",
                "endpoint",
                "status");
        latency = registry.histogram(
                "recsys_http_request_duration_seconds",
                "Time from receiving a request to having sent the answer, by endpoint.",
                LATENCY_BUCKETS,
                "endpoint");
        inFlight = registry.gauge(
                "recsys_http_requests_in_flight", "HTTP requests being answered, by endpoint.", "endpoint");
    }

    void started(String endpoint) {
        inFlight.labels(endpoint).inc();
    }

    void finished(String endpoint, int status, long nanos) {
        inFlight.labels(endpoint).dec();
        requests.labels(endpoint, statusClass(status)).inc();
        latency.labels(endpoint).observe(nanos / 1e9);
    }

    static String statusClass(int status) {
        int hundreds = status / 100;
        return hundreds >= 1 && hundreds <= 5 ? STATUS_CLASSES[hundreds - 1] : "other";
    }
}
