package dev.recsys.index.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;

/**
 * The metrics of one service and their scrape in the Prometheus text format 0.0.4. Metrics are
 * registered once at start; updating them is thread-safe and takes no lock. A scrape writes them in
 * the order they were registered.
 */
public final class MetricsRegistry {
    /** The {@code Content-Type} of {@link #scrape()}. */
    public static final String CONTENT_TYPE = TextFormat.CONTENT_TYPE;

    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

    public Counter counter(String name, String help, String... labelNames) {
        return add(new Counter(name, help, TextFormat.checkLabelNames(labelNames)));
    }

    public Gauge gauge(String name, String help, String... labelNames) {
        return add(new Gauge(name, help, TextFormat.checkLabelNames(labelNames)));
    }

    /** @param bounds the buckets' upper bounds, increasing; a {@code +Inf} bucket is added */
    public Histogram histogram(String name, String help, double[] bounds, String... labelNames) {
        return add(new Histogram(name, help, bounds, TextFormat.checkLabelNames(labelNames)));
    }

    /** A counter read from {@code value} at each scrape; it must never go down. */
    public void counterFrom(String name, String help, DoubleSupplier value) {
        add(new SampledMetric(name, help, "counter", value));
    }

    /** A gauge read from {@code value} at each scrape. */
    public void gaugeFrom(String name, String help, DoubleSupplier value) {
        add(new SampledMetric(name, help, "gauge", value));
    }

    /**
     * Runs {@code hook} at the start of every scrape, e.g. to compute once a snapshot that several
     * sampled gauges read.
     */
    public void beforeScrape(Runnable hook) {
        beforeScrape.add(Objects.requireNonNull(hook, "hook"));
    }

    private synchronized <M extends Metric> M add(M metric) {
        if (metrics.putIfAbsent(metric.name, metric) != null) {
            throw new IllegalArgumentException("metric " + metric.name + " is already registered");
        }
        return metric;
    }

    /** Every metric in the text format. */
    public String scrape() {
        beforeScrape.forEach(Runnable::run);
        List<Metric> all;
        synchronized (this) {
            all = new ArrayList<>(metrics.values());
        }
        StringBuilder out = new StringBuilder(4096);
        for (Metric metric : all) {
            metric.write(out);
        }
        return out.toString();
    }
}
