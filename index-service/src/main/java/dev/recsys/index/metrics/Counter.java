package dev.recsys.index.metrics;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** A count that only goes up, such as requests served. Series are {@link LongAdder}s: cheap under contention. */
public final class Counter extends LabelledMetric<Counter.Series> {

    Counter(String name, String help, List<String> labelNames) {
        super(name, help, labelNames);
    }

    /** One series of the counter. */
    public static final class Series {
        private final LongAdder count = new LongAdder();

        public void inc() {
            count.increment();
        }

        public void inc(long amount) {
            if (amount < 0) {
                throw new IllegalArgumentException("a counter only goes up, got " + amount);
            }
            count.add(amount);
        }

        public long value() {
            return count.sum();
        }
    }

    @Override
    String type() {
        return "counter";
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
