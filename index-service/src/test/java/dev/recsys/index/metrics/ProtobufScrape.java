package dev.recsys.index.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A scrape in Prometheus' protobuf format, read with the Prometheus client's own classes: the whole body is
 * a sequence of length-delimited {@code MetricFamily} messages, and a body that is not one fails to parse.
 */
public final class ProtobufScrape {
    /** What a Prometheus server sends to ask for this format. */
    public static final String ACCEPT =
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";

    public static final String CONTENT_TYPE =
            "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

    /** The families by name, in the order they came. */
    public final Map<String, Metrics.MetricFamily> families = new LinkedHashMap<>();

    private ProtobufScrape() {}

    public static ProtobufScrape parse(byte[] body) throws IOException {
        ProtobufScrape scrape = new ProtobufScrape();
        InputStream in = new ByteArrayInputStream(body);
        for (Metrics.MetricFamily family; (family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null; ) {
            assertNull(scrape.families.put(family.getName(), family), "one message per family: " + family.getName());
        }
        assertEquals(-1, in.read(), "the whole body was read");
        return scrape;
    }

    public Metrics.MetricType type(String family) {
        return family(family).getType();
    }

    public Metrics.MetricFamily family(String name) {
        Metrics.MetricFamily family = families.get(name);
        if (family == null) {
            throw new AssertionError("no family " + name + " in " + families.keySet());
        }
        return family;
    }

    /** The metric of {@code family} with exactly these labels. */
    public Optional<Metrics.Metric> metric(String family, Map<String, String> labels) {
        Metrics.MetricFamily found = families.get(family);
        if (found == null) {
            return Optional.empty();
        }
        return found.getMetricList().stream()
                .filter(metric -> labels(metric).equals(labels))
                .findFirst();
    }

    /** A counter's, gauge's or untyped metric's value; a histogram's or summary's count. */
    public double value(String family, Map<String, String> labels) {
        return metric(family, labels).map(ProtobufScrape::value).orElse(0.0);
    }

    public double value(String family) {
        return value(family, Map.of());
    }

    static double value(Metrics.Metric metric) {
        if (metric.hasCounter()) {
            return metric.getCounter().getValue();
        }
        if (metric.hasGauge()) {
            return metric.getGauge().getValue();
        }
        if (metric.hasHistogram()) {
            return metric.getHistogram().getSampleCount();
        }
        if (metric.hasSummary()) {
            return metric.getSummary().getSampleCount();
        }
        return metric.getUntyped().getValue();
    }

    public static Map<String, String> labels(Metrics.Metric metric) {
        return metric.getLabelList().stream()
                .collect(Collectors.toMap(Metrics.LabelPair::getName, Metrics.LabelPair::getValue));
    }

    /** The label sets of {@code family}'s metrics. */
    public List<Map<String, String>> labelSets(String family) {
        return family(family).getMetricList().stream()
                .map(ProtobufScrape::labels)
                .toList();
    }
}
