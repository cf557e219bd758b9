package dev.recsys.ranker.cf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ImplicitFoldInTest {

    /** Gaussian elimination with partial pivoting on the full system: the reference solve. */
    private static double[] denseSolve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    private static float[][] randomFactors(Random random, int items, int k) {
        float[][] y = new float[items][k];
        for (float[] row : y) {
            for (int i = 0; i < k; i++) {
                row[i] = (float) (random.nextGaussian() * 0.3);
            }
        }
        return y;
    }

    /** x = (Yᵀ C Y + λI)⁻¹ Yᵀ C p with C and p over all items, no shortcut. */
    private static double[] wholeCatalogSolve(float[][] y, double[] r, int k, double lambda, double alpha) {
        double[][] a = new double[k][k];
        double[] b = new double[k];
        for (int item = 0; item < y.length; item++) {
            double c = 1 + alpha * Math.abs(r[item]);
            double p = r[item] > 0 ? 1 : 0;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    a[i][j] += c * y[item][i] * y[item][j];
                }
                b[i] += c * p * y[item][i];
            }
        }
        for (int i = 0; i < k; i++) {
            a[i][i] += lambda;
        }
        return denseSolve(a, b);
    }

    @Test
    void foldInMatchesADirectDenseSolveOverTheWholeCatalog() {
        Random random = new Random(2008);
        int items = 40;
        int k = 6;
        double lambda = 0.1;
        double alpha = 40;
        float[][] y = randomFactors(random, items, k);
        double[] r = new double[items]; // the shopper's weights over the whole catalog, mostly zero
        int[] touched = {3, 7, 19, 25, 31};
        double[] w = {1, 6, 2, -4, 4};
        for (int n = 0; n < touched.length; n++) {
            r[touched[n]] = w[n];
        }
        double[] expected = wholeCatalogSolve(y, r, k, lambda, alpha);
        float[][] mine = new float[touched.length][];
        for (int n = 0; n < touched.length; n++) {
            mine[n] = y[touched[n]];
        }

        float[] x = new ImplicitFoldIn(ImplicitFoldIn.gram(y, k), k, lambda, alpha).solve(mine, w);

        for (int i = 0; i < k; i++) {
            assertEquals(expected[i], x[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "component " + i);
        }
    }

    @Test
    void shortAndLongHistoriesBothSolveExactly() {
        // Fewer items than factors take the n×n (Woodbury) form, the others the k×k one.
        Random random = new Random(44);
        int items = 120;
        int k = 8;
        float[][] y = randomFactors(random, items, k);
        ImplicitFoldIn foldIn = new ImplicitFoldIn(ImplicitFoldIn.gram(y, k), k, 0.5, 20);
        for (int n : new int[] {1, 2, k - 1, k, k + 1, 3 * k, items}) {
            double[] r = new double[items];
            float[][] mine = new float[n][];
            double[] w = new double[n];
            for (int at = 0; at < n; at++) {
                w[at] = random.nextInt(4) == 0 ? -2 : 1 + random.nextInt(5);
                r[at] = w[at];
                mine[at] = y[at];
            }
            double[] expected = wholeCatalogSolve(y, r, k, 0.5, 20);

            float[] x = foldIn.solve(mine, w);

            for (int i = 0; i < k; i++) {
                assertEquals(
                        expected[i], x[i], 1e-5 * Math.max(1, Math.abs(expected[i])), n + " items, component " + i);
            }
        }
    }

    @Test
    void solvingWhitenedFactorsIsTheSameComputation() {
        Random random = new Random(7);
        int k = 5;
        float[][] y = randomFactors(random, 30, k);
        ImplicitFoldIn foldIn = new ImplicitFoldIn(ImplicitFoldIn.gram(y, k), k, 0.2, 8);
        float[][] mine = {y[4], y[9], y[11]};
        double[] w = {1, 3, -1};
        float[] rows = new float[3 * k];
        for (int n = 0; n < 3; n++) {
            System.arraycopy(foldIn.whiten(mine[n]), 0, rows, n * k, k);
        }

        assertArrayEquals(foldIn.solve(mine, w), foldIn.solveWhitened(rows, w));
    }

    @Test
    void aYtyThatIsNotAGramMatrixIsRejected() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> new ImplicitFoldIn(new double[] {-1, 0, 0, -1}, 2, 0.1, 1));
        assertTrue(e.getMessage().contains("yty"), e.getMessage());
    }

    @Test
    void choleskySolvesAKnownSystem() {
        // A = [[4, 2], [2, 3]], x = [1, 2] → b = [8, 8].
        double[] x = Cholesky.solve(new double[] {4, 2, 2, 3}, new double[] {8, 8}, 2);

        assertArrayEquals(new double[] {1, 2}, x, 1e-12);
    }

    @Test
    void choleskyRejectsAMatrixThatIsNotPositiveDefinite() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Cholesky.solve(new double[] {1, 2, 2, 1}, new double[] {1, 1}, 2));
        assertTrue(e.getMessage().contains("not positive definite"), e.getMessage());
    }

    @Test
    void shopperWithoutInteractionsGetsTheZeroFactor() {
        Random random = new Random(1);
        float[][] y = randomFactors(random, 10, 4);

        float[] x = new ImplicitFoldIn(ImplicitFoldIn.gram(y, 4), 4, 0.1, 10).solve(new float[0][], new double[0]);

        assertArrayEquals(new float[4], x);
    }

    @Test
    void largestSupportedFactorCountSolvesAccurately() {
        Random random = new Random(256);
        int k = Cholesky.MAX_SIZE;
        float[][] y = randomFactors(random, 300, k);
        double[] gram = ImplicitFoldIn.gram(y, k);
        float[][] mine = {y[0], y[1], y[2]};
        double[] w = {1, 2, 3};

        float[] x = new ImplicitFoldIn(gram, k, 0.5, 5).solve(mine, w);

        // Residual check: (YᵀY + Σ (c−1) y yᵀ + λI) x = Σ c y.
        for (int i = 0; i < k; i++) {
            double lhs = 0.5 * x[i];
            for (int j = 0; j < k; j++) {
                double aij = gram[i * k + j];
                for (int n = 0; n < 3; n++) {
                    aij += 5 * w[n] * mine[n][i] * mine[n][j];
                }
                lhs += aij * x[j];
            }
            double rhs = 0;
            for (int n = 0; n < 3; n++) {
                rhs += (1 + 5 * w[n]) * mine[n][i];
            }
            assertEquals(rhs, lhs, 1e-3, "row " + i);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> new ImplicitFoldIn(new double[4], 2, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ImplicitFoldIn(new double[3], 2, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ImplicitFoldIn(new double[4], 2, 0.1, -1));
        assertThrows(IllegalArgumentException.class, () -> new ImplicitFoldIn(new double[4], 2, 0.1, 1)
                .solve(new float[1][2], new double[2]));
    }
}
