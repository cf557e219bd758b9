package dev.recsys.index.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A value that goes up and down, such as requests in flight. */
public final class Gauge extends LabelledMetric<Gauge.Series> {

    Gauge(String name, String help, List<String> labelNames) {
        super(name, help, labelNames);
    }

    /** One series of the gauge: a double kept as its bits, changed by compare-and-set. */
    public static final class Series {
        private final AtomicLong bits = new AtomicLong(Double.doubleToLongBits(0));

        public void set(double value) {
            bits.set(Double.doubleToLongBits(value));
        }

        public void add(double delta) {
            bits.getAndUpdate(held -> Double.doubleToLongBits(Double.longBitsToDouble(held) + delta));
        }

        public void inc() {
            add(1);
        }

        public void dec() {
            add(-1);
        }

        public double value() {
            return Double.longBitsToDouble(bits.get());
        }
    }

    @Override
    String type() {
        return "gauge";
    }

    @Override
    Series newSeries() {
        return new Series();
    }

    @Override
    void writeSeries(StringBuilder out, List<String> labelValues, Series series) {
        TextFormat.sample(out, name, labelNames, labelValues, null, null, series.value());
    }
}
