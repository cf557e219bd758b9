package dev.recsys.tools.service;

import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.AtomicHistogram;

/**
 * The latencies (microseconds) of one endpoint, recorded by every worker at once: an HdrHistogram {@link
 * AtomicHistogram} with {@value #SIGNIFICANT_DIGITS} significant digits, so a reported percentile is within
 * 0.1% of the true value. Up to {@value #HIGHEST} µs (about 12 days); larger values count as that, negative
 * ones as 0. The maximum is kept exactly, and no percentile is reported above it.
 */
final class LatencyHistogram {
    static final long HIGHEST = (1L << 40) - 1;
    static final int SIGNIFICANT_DIGITS = 3;

    private final AtomicHistogram histogram = new AtomicHistogram(HIGHEST, SIGNIFICANT_DIGITS);
    private final AtomicLong max = new AtomicLong();

    void record(long micros) {
        long value = Math.max(0, Math.min(HIGHEST, micros));
        histogram.recordValue(value);
        long seen = max.get();
        while (value > seen && !max.compareAndSet(seen, value)) {
            seen = max.get();
        }
    }

    long count() {
        return histogram.getTotalCount();
    }

    long max() {
        return max.get();
    }

    /** The value at percentile {@code p} (0-100): the upper edge of its bucket, never above the maximum; 0 if empty. */
    long percentile(double p) {
        if (histogram.getTotalCount() == 0) {
            return 0;
        }
        return Math.min(histogram.getValueAtPercentile(p), max.get());
    }
}
