package dev.recsys.index.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

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
    static final RequestMetrics NONE = new RequestMetrics(new PrometheusRegistry());

    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final Counter requests;
    private final Histogram latency;
    private final Gauge inFlight;

    public RequestMetrics(PrometheusRegistry registry) {
        requests = Counter.builder()
                .name("recsys_http_requests_total")
                .help("HTTP requests answered, by endpoint and status class.")
                .labelNames("endpoint", "status")
                .register(registry);
        // Classic buckets only: the same series in every exposition format, and a fixed size per endpoint.
        latency = Histogram.builder()
                .name("recsys_http_request_duration_seconds")
                .unit(Unit.SECONDS)
                .help("Time from receiving a request to having sent the answer, by endpoint.")
                .labelNames("endpoint")
                .classicOnly()
                .classicUpperBounds(LATENCY_BUCKETS)
                .register(registry);
        inFlight = Gauge.builder()
                .name("recsys_http_requests_in_flight")
                .help("HTTP requests being answered, by endpoint.")
                .labelNames("endpoint")
                .register(registry);
    }

    void started(String endpoint) {
        inFlight.labelValues(endpoint).inc();
    }

    void finished(String endpoint, int status, long nanos) {
        inFlight.labelValues(endpoint).dec();
        requests.labelValues(endpoint, statusClass(status)).inc();
        latency.labelValues(endpoint).observe(Unit.nanosToSeconds(nanos));
    }

    static String statusClass(int status) {
        int hundreds = status / 100;
        return hundreds >= 1 && hundreds <= 5 ? STATUS_CLASSES[hundreds - 1] : "other";
    }
}
