package dev.recsys.index.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Observations counted in fixed buckets, such as request latencies. Written as Prometheus expects:
 * cumulative {@code _bucket} samples with an {@code le} label (the last one {@code +Inf}), then {@code
 * _sum} and {@code _count}.
 */
public final class Histogram extends LabelledMetric<Histogram.Series> {
    private final double[] bounds;

    Histogram(String name, String help, double[] bounds, List<String> labelNames) {
        super(name, help, labelNames);
        if (labelNames.contains("le")) {
            throw new IllegalArgumentException("a histogram cannot have a label named le");
        }
        if (bounds.length == 0) {
            throw new IllegalArgumentException("a histogram needs at least one bucket bound");
        }
        for (int i = 0; i < bounds.length; i++) {
            if (!Double.isFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
                throw new IllegalArgumentException(
                        "bucket bounds must be finite and increasing, got " + Arrays.toString(bounds));
            }
        }
        this.bounds = bounds.clone();
    }

    /** One series: a count per bucket (not cumulative; summed when written) and the sum. */
    public final class Series {
        private final LongAdder[] counts = new LongAdder[bounds.length + 1];
        private final DoubleAdder sum = new DoubleAdder();

        private Series() {
            Arrays.setAll(counts, i -> new LongAdder());
        }

        /** Counts {@code value} in the first bucket whose bound is at least {@code value}. */
        public void observe(double value) {
            int bucket = Arrays.binarySearch(bounds, value);
            counts[bucket >= 0 ? bucket : -bucket - 1].increment();
            sum.add(value);
        }
    }

    @Override
    String type() {
        return "histogram";
    }

    @Override
    Series newSeries() {
        return new Series();
    }

    @Override
    void writeSeries(StringBuilder out, List<String> labelValues, Series series) {
        long cumulative = 0;
        for (int i = 0; i <= bounds.length; i++) {
            cumulative += series.counts[i].sum();
            String le = i < bounds.length ? TextFormat.number(bounds[i]) : "+Inf";
            TextFormat.sample(out, name + "_bucket", labelNames, labelValues, "le", le, cumulative);
        }
        // The count is the +Inf bucket, so the two always agree within one scrape.
        TextFormat.sample(out, name + "_sum", labelNames, labelValues, null, null, series.sum.sum());
        TextFormat.sample(out, name + "_count", labelNames, labelValues, null, null, cumulative);
    }
}
