package dev.recsys.index.http;

import dev.recsys.index.metrics.MetricsRegistry;

/** {@code GET /metrics}: every metric in the Prometheus text format 0.0.4. No token, like {@code /healthz}. */
public final class MetricsEndpoint extends ApiHandler {
    public static final String PATH = "/metrics";

    private final MetricsRegistry registry;

    public MetricsEndpoint(MetricsRegistry registry) {
        super(PATH, true, "GET");
        this.registry = registry;
    }

    @Override
    protected ApiResponse serve(ApiRequest request) {
        return ApiResponse.text(200, MetricsRegistry.CONTENT_TYPE, registry.scrape());
    }
}
