/**
 * The stream job's metrics for Prometheus in the embedded run: Flink's Prometheus reporter served on
 * loopback only ({@link dev.recsys.ingest.metrics.LoopbackPrometheusReporter}), configured by {@link
 * dev.recsys.ingest.metrics.JobMetricsReporting}.
 */
package dev.recsys.ingest.metrics;
