package dev.recsys.ingest.metrics;

import java.util.Locale;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.PortRange;

/**
 * Whether and where the embedded run serves the job's metrics to Prometheus: {@value #FLAG} names a port
 * or a range (default {@value LoopbackPrometheusReporterFactory#DEFAULT_PORTS}, the first free one is
 * taken), or {@code none}. A job submitted to a cluster reports through the cluster's own reporters instead.
 */
public final class JobMetricsReporting {
    /** The setting that names the ports. */
    public static final String FLAG = "--metrics-ports";

    /** The reporter's name in the configuration, {@code metrics.reporter.prom.*}, as in Flink's docs. */
    static final String REPORTER = "prom";

    private static final ConfigOption<String> FACTORY = option("factory.class");
    private static final ConfigOption<String> PORT = option(LoopbackPrometheusReporterFactory.PORT);

    private JobMetricsReporting() {}

    /**
     * The ports {@code value} asks for ({@value LoopbackPrometheusReporterFactory#DEFAULT_PORTS} when it is
     * blank), or empty for {@code none}.
     *
     * @throws IllegalArgumentException for a value that is neither a port, a range nor {@code none}
     */
    public static Optional<String> ports(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(LoopbackPrometheusReporterFactory.DEFAULT_PORTS);
        }
        String ports = value.trim();
        if (ports.toLowerCase(Locale.ROOT).equals("none")) {
            return Optional.empty();
        }
        try {
            new PortRange(ports);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    FLAG + " must be a port, a range such as 9249-9260, or none, got '" + value + "'");
        }
        return Optional.of(ports);
    }

    /** Adds the loopback Prometheus reporter on {@code ports} to {@code config}. */
    public static void addReporter(Configuration config, String ports) {
        config.set(FACTORY, LoopbackPrometheusReporterFactory.class.getName());
        config.set(PORT, ports);
    }

    private static ConfigOption<String> option(String key) {
        return ConfigOptions.key("metrics.reporter." + REPORTER + "." + key)
                .stringType()
                .noDefaultValue();
    }
}
