package dev.recsys.ranker.sequence;

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One shopper embedding by the sequence model's plain-Java forward pass, what a profile update costs when
 * the shopper's history changes: SASRec's published size (2 blocks, 64 dimensions) over a history of
 * {@code length} items, the model reading at most 50.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SequenceEncoderBenchmark {
    @Param({"64"})
    int dimension;

    @Param({"5", "20", "50"})
    int length;

    private SequenceEncoder encoder;
    private int[] history;

    @Setup
    public void setUp() {
        int items = 10_000;
        encoder = new SequenceEncoder(RandomWeights.of(42, items, 50, dimension, 1, 2, 0.1));
        Random random = new Random(43);
        history = new int[length];
        for (int i = 0; i < length; i++) {
            history[i] = 1 + random.nextInt(items);
        }
    }

    @Benchmark
    public float[] embed() {
        return encoder.embed(history);
    }
}
