/**
 * What the service measures about itself, served on {@code GET /metrics} in the Prometheus text format:
 * a small dependency-free registry ({@link dev.recsys.index.metrics.MetricsRegistry} with counters,
 * gauges and histograms), the service's own gauges ({@link dev.recsys.index.metrics.ServiceMetrics})
 * and the recording of served rankings into the exposure ledger ({@link
 * dev.recsys.index.metrics.ExposureRecorder}). Request counts and latencies are recorded by {@link
 * dev.recsys.index.http.ApiHandler} for every endpoint.
 */
package dev.recsys.index.metrics;
