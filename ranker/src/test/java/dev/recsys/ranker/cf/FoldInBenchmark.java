package dev.recsys.ranker.cf;

import java.util.Arrays;
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
 * One CF fold-in, the implicit-ALS user step a profile update runs, for a shopper with {@code items}
 * items in their history: in the n×n (Woodbury) form and in the k×k form side by side, the n×n form
 * as a profile runs it (its Gram matrix kept, so an event adds one row: {@code smallSystemKeptGram},
 * the same as {@code factorSystem} from k items on, where no Gram matrix is kept), and the whitening
 * of one incoming item factor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FoldInBenchmark {
    @Param({"64"})
    int factors;

    @Param({"5", "20", "50", "100", "500"})
    int items;

    private ImplicitFoldIn foldIn;
    private float[] whitened;
    private double[] weights;
    private float[] oneFactor;
    private float[] gram;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        float[][] y = new float[5_000][factors];
        for (float[] row : y) {
            for (int i = 0; i < factors; i++) {
                row[i] = (float) (random.nextGaussian() * 0.1);
            }
        }
        foldIn = new ImplicitFoldIn(ImplicitFoldIn.gram(y, factors), factors, 0.1, 10);
        whitened = new float[items * factors];
        weights = new double[items];
        for (int n = 0; n < items; n++) {
            System.arraycopy(foldIn.whiten(y[n]), 0, whitened, n * factors, factors);
            weights[n] = 1 + random.nextInt(4);
        }
        oneFactor = y[items];
        gram = items < factors ? ImplicitFoldIn.packedGram(whitened, items, factors) : null;
    }

    @Benchmark
    public float[] smallSystemKeptGram() {
        if (gram != null) {
            // What the event itself adds: the newest item's row.
            float[] last = Arrays.copyOfRange(whitened, (items - 1) * factors, items * factors);
            ImplicitFoldIn.gramRow(whitened, items - 1, factors, last, gram, ImplicitFoldIn.packedSize(items - 1));
        }
        return foldIn.solveWhitened(whitened, weights, gram);
    }

    @Benchmark
    public float[] smallSystem() {
        return foldIn.solveWhitened(whitened, weights, true);
    }

    @Benchmark
    public float[] factorSystem() {
        return foldIn.solveWhitened(whitened, weights, false);
    }

    @Benchmark
    public float[] whitenOneItem() {
        return foldIn.whiten(oneFactor);
    }
}
