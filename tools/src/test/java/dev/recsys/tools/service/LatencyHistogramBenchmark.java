package dev.recsys.tools.service;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The load tool's latency histogram as its workers use it: 8 threads record into one histogram, each a
 * latency drawn once from a seeded log-normal (median 2 ms, one in a hundred above about 20 ms), and the
 * report reads p50, p90, p99 and the maximum of a histogram holding a million of them. {@code histogram}:
 * the hand-written one the tool had, or {@link LatencyHistogram} on HdrHistogram.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class LatencyHistogramBenchmark {
    private static final int LATENCIES = 4096;

    @Param({"hand-written", "hdrhistogram"})
    String histogram;

    private HandWrittenHistogramBaseline baseline;
    private LatencyHistogram hdr;
    private HandWrittenHistogramBaseline filledBaseline;
    private LatencyHistogram filledHdr;

    @Setup
    public void setUp() {
        baseline = new HandWrittenHistogramBaseline();
        hdr = new LatencyHistogram();
        filledBaseline = new HandWrittenHistogramBaseline();
        filledHdr = new LatencyHistogram();
        long[] values = latencies(new Random(7), 1_000_000);
        for (long value : values) {
            filledBaseline.record(value);
            filledHdr.record(value);
        }
    }

    /** {@code n} latencies in microseconds, log-normal around 2 ms. */
    static long[] latencies(Random random, int n) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.round(2_000 * Math.exp(random.nextGaussian()));
        }
        return values;
    }

    /** One worker's latencies, cycled through. */
    @State(Scope.Thread)
    public static class Worker {
        final long[] values = latencies(new Random(Thread.currentThread().threadId()), LATENCIES);
        int next;
    }

    @Benchmark
    @Threads(8)
    public void record(Worker worker) {
        long value = worker.values[worker.next++ & (LATENCIES - 1)];
        if ("hdrhistogram".equals(histogram)) {
            hdr.record(value);
        } else {
            baseline.record(value);
        }
    }

    @Benchmark
    @Threads(1)
    public long report() {
        if ("hdrhistogram".equals(histogram)) {
            return filledHdr.percentile(50) + filledHdr.percentile(90) + filledHdr.percentile(99) + filledHdr.max();
        }
        return filledBaseline.percentile(50)
                + filledBaseline.percentile(90)
                + filledBaseline.percentile(99)
                + filledBaseline.max();
    }
}
