package dev.recsys.ranker.sequence;

import java.util.ArrayList;
import java.util.List;
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
        Random random = new Random(42);
        int items = 10_000;
        List<SequenceWeights.Block> blocks = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
            blocks.add(new SequenceWeights.Block(
                    norm(random),
                    dense(random),
                    dense(random),
                    dense(random),
                    dense(random),
                    norm(random),
                    dense(random),
                    dense(random)));
        }
        encoder = new SequenceEncoder(new SequenceWeights(
                1, 1e-5f, matrix(random, items + 1, dimension), matrix(random, 50, dimension), blocks, norm(random)));
        history = new int[length];
        for (int i = 0; i < length; i++) {
            history[i] = 1 + random.nextInt(items);
        }
    }

    @Benchmark
    public float[] embed() {
        return encoder.embed(history);
    }

    private SequenceWeights.Dense dense(Random random) {
        return new SequenceWeights.Dense(matrix(random, dimension, dimension), matrix(random, 1, dimension)[0]);
    }

    private SequenceWeights.Norm norm(Random random) {
        return new SequenceWeights.Norm(matrix(random, 1, dimension)[0], matrix(random, 1, dimension)[0]);
    }

    private static float[][] matrix(Random random, int rows, int columns) {
        float[][] out = new float[rows][columns];
        for (float[] row : out) {
            for (int c = 0; c < columns; c++) {
                row[c] = (float) (random.nextGaussian() * 0.1);
            }
        }
        return out;
    }
}
