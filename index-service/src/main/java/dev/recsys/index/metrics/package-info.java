/**
 * What the service measures about itself, served on {@code GET /metrics} by the official Prometheus Java
 * client: the service's own metrics and the client's JVM and process metrics ({@link
 * dev.recsys.index.metrics.ServiceMetrics}, with the exposure gauges of {@link
 * dev.recsys.index.metrics.ExposureCollector} and {@code recsys_build_info}), the scrape in the format the
 * scraper asks for ({@link dev.recsys.index.metrics.MetricsExposition}), and the recording of served
 * rankings into the exposure ledger ({@link dev.recsys.index.metrics.ExposureRecorder}). Request counts and
 * latencies are recorded by {@link dev.recsys.index.http.ApiHandler} for every endpoint, in {@link
 * dev.recsys.index.http.RequestMetrics}.
 */
package dev.recsys.index.metrics;
