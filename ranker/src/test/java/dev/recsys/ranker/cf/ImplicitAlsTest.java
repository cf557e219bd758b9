package dev.recsys.ranker.cf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImplicitAlsTest {

    /** 40 shoppers × 60 items in two taste blocks, with some noise; seeded. */
    private static RatingMatrix blocks(long seed) {
        Random random = new Random(seed);
        RatingMatrix.Builder builder = RatingMatrix.builder(40, 60);
        for (int u = 0; u < 40; u++) {
            int block = u < 20 ? 0 : 1;
            for (int n = 0; n < 8; n++) {
                int item = block * 30 + random.nextInt(30);
                builder.add(u, item, 1 + random.nextInt(5));
            }
            builder.add(u, random.nextInt(60), 1);
        }
        return builder.build();
    }

    private static ImplicitAls.Config config(ImplicitAls.Solver solver, int threads) {
        return new ImplicitAls.Config(8, 0.1, 2.0, 10, threads, 7, solver, 3);
    }

    @Test
    void exactSolvesNeverIncreaseTheLoss() {
        List<Double> losses = new ImplicitAls(config(ImplicitAls.Solver.CHOLESKY, 2))
                .train(blocks(1))
                .losses();
        for (int i = 1; i < losses.size(); i++) {
            assertTrue(losses.get(i) <= losses.get(i - 1) * (1 + 1e-6), "loss rose at iteration " + i + ": " + losses);
        }
        assertTrue(losses.get(losses.size() - 1) < losses.get(0));
    }

    @Test
    void conjugateGradientLowersTheLoss() {
        List<Double> losses = new ImplicitAls(config(ImplicitAls.Solver.CONJUGATE_GRADIENT, 2))
                .train(blocks(1))
                .losses();
        assertTrue(losses.get(losses.size() - 1) < losses.get(0) * 0.99, losses.toString());
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        RatingMatrix matrix = blocks(2);
        for (ImplicitAls.Solver solver : ImplicitAls.Solver.values()) {
            AlsModel one = new ImplicitAls(config(solver, 1)).train(matrix);
            AlsModel three = new ImplicitAls(config(solver, 3)).train(matrix);
            for (int u = 0; u < matrix.users(); u++) {
                assertArrayEquals(one.userFactors()[u], three.userFactors()[u]);
            }
            for (int i = 0; i < matrix.items(); i++) {
                assertArrayEquals(one.itemFactors()[i], three.itemFactors()[i]);
            }
            assertArrayEquals(one.yty(), three.yty());
            assertEquals(one.losses(), three.losses());
        }
    }

    /**
     * One shopper, one item, k = 1, weight w: the user step gives x = c·y / (c·y² + λ) and the item step
     * y = c·x / (c·x² + λ). Multiplying the first by x and the second by y and subtracting gives λx² = λy²,
     * so at a fixed point |x| = |y| and x·y = t² with c·t² + λ = c, i.e. the predicted preference is
     * x·y = 1 − λ / c. With α = 1, w = 4: c = 5, λ = 0.5, so x·y = 0.9.
     */
    @Test
    void singleEntryConvergesToTheClosedForm() {
        RatingMatrix matrix = RatingMatrix.builder(1, 1).add(0, 0, 4).build();
        ImplicitAls.Config config = new ImplicitAls.Config(1, 0.5, 1.0, 200, 1, 3, ImplicitAls.Solver.CHOLESKY, 1);
        AlsModel model = new ImplicitAls(config).train(matrix);
        double score = model.userFactors()[0][0] * model.itemFactors()[0][0];
        assertEquals(0.9, score, 1e-5);
        assertEquals(model.itemFactors()[0][0] * model.itemFactors()[0][0], model.yty()[0], 1e-6);
    }

    @Test
    void shoppersScoreTheirOwnBlockHigher() {
        RatingMatrix matrix = blocks(3);
        AlsModel model = new ImplicitAls(config(ImplicitAls.Solver.CHOLESKY, 2)).train(matrix);
        int wins = 0;
        for (int u = 0; u < 40; u++) {
            double own = 0;
            double other = 0;
            for (int i = 0; i < 60; i++) {
                double s = ImplicitAls.dot(model.userFactors()[u], model.itemFactors()[i]);
                if ((i < 30) == (u < 20)) {
                    own += s;
                } else {
                    other += s;
                }
            }
            wins += own > other ? 1 : 0;
        }
        assertEquals(40, wins);
    }

    @Test
    void foldInOfTheModelReproducesTrainedShopperFactors() {
        RatingMatrix matrix = blocks(4);
        AlsModel model = new ImplicitAls(config(ImplicitAls.Solver.CHOLESKY, 1)).train(matrix);
        // The last user step solved against the item factors of the previous iteration, so fold in
        // against the final ones only approximately: agree on direction.
        ImplicitFoldIn foldIn = model.foldIn();
        int[] items = matrix.itemsOf(5);
        float[] weights = matrix.weightsOf(5);
        float[][] y = new float[items.length][];
        double[] w = new double[items.length];
        for (int n = 0; n < items.length; n++) {
            y[n] = model.itemFactors()[items[n]];
            w[n] = weights[n];
        }
        float[] x = foldIn.solve(y, w);
        float[] trained = model.userFactors()[5];
        double cos = ImplicitAls.dot(x, trained) / Math.sqrt(ImplicitAls.dot(x, x) * ImplicitAls.dot(trained, trained));
        assertTrue(cos > 0.95, "cosine " + cos);
    }

    @Test
    void badSettingsAreRejectedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImplicitAls.Config.defaults()
                .withLambda(0));
        assertTrue(e.getMessage().contains("lambda"));
        e = assertThrows(IllegalArgumentException.class, () -> ImplicitAls.Config.defaults()
                .withThreads(0));
        assertTrue(e.getMessage().contains("threads"));
        e = assertThrows(
                IllegalArgumentException.class, () -> RatingMatrix.builder(2, 2).add(2, 0, 1));
        assertTrue(e.getMessage().contains("user"));
    }

    @Test
    void duplicateEntriesAreSummed() {
        RatingMatrix matrix = RatingMatrix.builder(2, 3)
                .add(1, 2, 1.5)
                .add(1, 0, 1)
                .add(1, 2, 2)
                .build();
        assertArrayEquals(new int[] {0, 2}, matrix.itemsOf(1));
        assertArrayEquals(new float[] {1f, 3.5f}, matrix.weightsOf(1));
        assertArrayEquals(new int[] {1}, matrix.usersOf(2));
        assertEquals(2, matrix.entries());
    }
}
