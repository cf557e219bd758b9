package dev.recsys.ingest.metrics;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.util.PortRange;

/**
 * Creates the {@link LoopbackPrometheusReporter} for {@code metrics.reporter.<name>.factory.class}, with
 * Flink's Prometheus reporter's one setting, {@code metrics.reporter.<name>.port}: a port or a range such
 * as {@code 9249-9260}.
 */
public final class LoopbackPrometheusReporterFactory implements MetricReporterFactory {
    public static final String PORT = "port";

    /** Flink's Prometheus reporter's default port, and the ports after it. */
    public static final String DEFAULT_PORTS = "9249-9260";

    @Override
    public LoopbackPrometheusReporter createMetricReporter(Properties properties) {
        return new LoopbackPrometheusReporter(new PortRange(properties.getProperty(PORT, DEFAULT_PORTS)));
    }
}
