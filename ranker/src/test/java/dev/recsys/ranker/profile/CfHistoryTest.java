package dev.recsys.ranker.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.recsys.ranker.cf.ImplicitFoldIn;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CfHistoryTest {
    private static final int K = 12;

    private final Random random = new Random(17);
    private final ImplicitFoldIn foldIn = new ImplicitFoldIn(identityPlusNoise(), K, 0.5, 2);

    private double[] identityPlusNoise() {
        double[] yty = new double[K * K];
        for (int i = 0; i < K; i++) {
            yty[i * K + i] = 3;
        }
        return yty;
    }

    private float[] factor() {
        float[] f = new float[K];
        for (int i = 0; i < K; i++) {
            f[i] = (float) random.nextGaussian();
        }
        return foldIn.whiten(f);
    }

    @Test
    void gramGrownRowByRowEqualsTheGramComputedAtOnceAndSoDoesTheSolve() {
        float[][] factors = new float[20][];
        for (int i = 0; i < factors.length; i++) {
            factors[i] = factor();
        }
        CfHistory history = CfHistory.empty(1);
        // Re-touched items move to the end; a capacity of 8 drops the oldest; the history stays
        // below K items, so the Gram matrix is kept all along.
        for (int step = 0; step < 300; step++) {
            int item = random.nextInt(factors.length);
            history = history.with("i" + item, 1 + random.nextInt(5), factors[item], 8);
            int n = history.size();
            assertNotNull(history.gram(), "step " + step);
            assertArrayEquals(ImplicitFoldIn.packedGram(history.factors(), n, K), history.gram(), "step " + step);
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = history.weights()[i];
            }
            assertArrayEquals(foldIn.solveWhitened(history.factors(), w), history.solve(foldIn), "step " + step);
        }
    }

    @Test
    void noGramFromKItemsOnAndAHistoryWithoutOneGetsItBack() {
        CfHistory history = CfHistory.empty(1);
        for (int i = 0; i < K - 1; i++) {
            history = history.with("i" + i, 1, factor(), 100);
        }
        assertEquals(ImplicitFoldIn.packedSize(K - 1), history.gram().length);
        assertNull(history.with("i-last", 1, factor(), 100).gram());

        // State written before the Gram matrix was kept: computed once on the next event.
        CfHistory old = new CfHistory(1, history.items(), history.weights(), history.factors());
        CfHistory next = old.with("i0", 2, Arrays.copyOf(history.factors(), K), K - 1);
        assertArrayEquals(ImplicitFoldIn.packedGram(next.factors(), next.size(), K), next.gram());
    }
}
