package dev.recsys.index.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A metric family the service updates itself, with one series per combination of label values.
 * Series are created on first use and written sorted by their label values, so a scrape reads the
 * same way every time. Keep label values to a bounded set (an endpoint, a status class), never ids.
 *
 * @param <S> the series type
 */
public abstract sealed class LabelledMetric<S> extends Metric permits Counter, Gauge, Histogram {
    final List<String> labelNames;
    private final Map<List<String>, S> series = new ConcurrentHashMap<>();

    LabelledMetric(String name, String help, List<String> labelNames) {
        super(name, help);
        this.labelNames = labelNames;
    }

    /** A new series with every value at zero. */
    abstract S newSeries();

    /** Appends the samples of one series. */
    abstract void writeSeries(StringBuilder out, List<String> labelValues, S series);

    /** The series for these label values, one per label name, in order. */
    public S labels(String... values) {
        if (values.length != labelNames.size()) {
            throw new IllegalArgumentException(
                    name + " has labels " + labelNames + ", got " + values.length + " values");
        }
        List<String> key = List.of(values); // rejects null values
        S held = series.get(key);
        return held != null ? held : series.computeIfAbsent(key, k -> newSeries());
    }

    @Override
    final void writeSamples(StringBuilder out) {
        List<Map.Entry<List<String>, S>> sorted = new ArrayList<>(series.entrySet());
        sorted.sort(Map.Entry.comparingByKey(LabelledMetric::compareValues));
        for (Map.Entry<List<String>, S> entry : sorted) {
            writeSeries(out, entry.getKey(), entry.getValue());
        }
    }

    private static int compareValues(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
