package dev.recsys.index.http;

import dev.recsys.index.metrics.MetricsExposition;

/**
 * {@code GET /metrics}: every metric, in the format the scraper asks for with {@code Accept} (OpenMetrics,
 * Prometheus' protobuf format) and otherwise in the classic Prometheus text format. No token, like {@code
 * /healthz}.
 */
public final class MetricsEndpoint extends ApiHandler {
    public static final String PATH = "/metrics";

    private final MetricsExposition exposition;

    public MetricsEndpoint(MetricsExposition exposition) {
        super(PATH, true, "GET");
        this.exposition = exposition;
    }

    @Override
    protected ApiResponse serve(ApiRequest request) {
        MetricsExposition.Scrape scrape = exposition.scrape(request.header("Accept"));
        return ApiResponse.bytes(200, scrape.contentType(), scrape.body());
    }
}
