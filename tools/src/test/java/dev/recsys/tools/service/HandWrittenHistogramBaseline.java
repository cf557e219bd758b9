package dev.recsys.tools.service;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The load tool's latency histogram as it was before HdrHistogram, kept as the baseline of {@link
 * LatencyHistogramBenchmark}. A thread-safe latency histogram in the manner of HdrHistogram: values
 * (microseconds) below {@value #SUB_BUCKETS} are counted exactly, larger ones in log buckets of {@value
 * #HALF} linear sub-buckets per power of two, so a reported percentile is within 1/{@value #HALF} (about
 * 1.6%) of the true value. Up to 2^40 µs (about 12 days); larger values count in the top bucket. The
 * maximum is kept exactly.
 */
final class HandWrittenHistogramBaseline {
    static final int SUB_BUCKETS = 128;
    static final int HALF = SUB_BUCKETS / 2;
    private static final int MAX_EXPONENT = 34;
    private static final long MAX_VALUE = (1L << 40) - 1;

    private final AtomicLongArray counts = new AtomicLongArray((MAX_EXPONENT + 2) * HALF);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong max = new AtomicLong();
    private final AtomicLong sum = new AtomicLong();

    void record(long micros) {
        long value = Math.max(0, Math.min(MAX_VALUE, micros));
        counts.incrementAndGet(index(value));
        total.incrementAndGet();
        sum.addAndGet(value);
        max.accumulateAndGet(value, Math::max);
    }

    static int index(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value) - 6;
        return exponent * HALF + (int) (value >>> exponent);
    }

    /** The largest value that falls in bucket {@code index}. */
    static long highestIn(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int exponent = index / HALF - 1;
        long mantissa = index - (long) exponent * HALF;
        return ((mantissa + 1) << exponent) - 1;
    }

    long count() {
        return total.get();
    }

    long max() {
        return max.get();
    }

    double mean() {
        long n = total.get();
        return n == 0 ? Double.NaN : (double) sum.get() / n;
    }

    /** The value at percentile {@code p} (0-100): the upper edge of its bucket, never above the maximum; 0 if empty. */
    long percentile(double p) {
        long n = total.get();
        if (n == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(highestIn(i), max.get());
            }
        }
        return max.get();
    }
}
