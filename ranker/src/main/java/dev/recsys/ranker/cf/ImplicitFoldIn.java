package dev.recsys.ranker.cf;

import java.util.Objects;

/**
 * A shopper's CF factor against fixed item factors Y, by the exact user step of implicit ALS (Hu,
 * Koren &amp; Volinsky 2008, eq. 4):
 *
 * <pre>
 *   x_u = (YᵀY + Yᵀ(C_u − I)Y + λI)⁻¹ Yᵀ C_u p(u)
 * </pre>
 *
 * <p>Only the items the shopper interacted with have {@code c_ui ≠ 1} or {@code p_ui ≠ 0}, so with
 * YᵀY precomputed (once per model, k×k) one solve costs O(n·k² + k³) for n interactions, however
 * large the catalog. Confidence is {@code c = 1 + α·|w|} from the interaction's weight w; the
 * preference is {@code p = 1} for a positive weight and {@code p = 0} for a negative one (a dislike
 * is confident evidence of no preference, not a negative preference).
 */
public final class ImplicitFoldIn {
    private final int k;
    private final double[] yty;
    private final double lambda;
    private final double alpha;

    /**
     * @param yty YᵀY over all items, k×k row-major (copied)
     * @param k number of factors, 1 to {@link Cholesky#MAX_SIZE}
     * @param lambda regularisation, positive
     * @param alpha confidence scale, not negative
     */
    public ImplicitFoldIn(double[] yty, int k, double lambda, double alpha) {
        Objects.requireNonNull(yty, "yty");
        if (k < 1 || k > Cholesky.MAX_SIZE) {
            throw new IllegalArgumentException("k must be between 1 and " + Cholesky.MAX_SIZE + ", got " + k);
        }
        if (yty.length != k * k) {
            throw new IllegalArgumentException("yty must have k*k = " + k * k + " entries, got " + yty.length);
        }
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be positive, got " + lambda);
        }
        if (!(alpha >= 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must not be negative, got " + alpha);
        }
        this.k = k;
        this.yty = yty.clone();
        this.lambda = lambda;
        this.alpha = alpha;
    }

    /** YᵀY of the given item factors (all items of the model), k×k row-major. */
    public static double[] gram(float[][] itemFactors, int k) {
        double[] gram = new double[k * k];
        for (float[] y : itemFactors) {
            if (y.length != k) {
                throw new IllegalArgumentException("item factor of length " + y.length + ", expected " + k);
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    gram[i * k + j] += (double) y[i] * y[j];
                }
            }
        }
        return gram;
    }

    public int factors() {
        return k;
    }

    /**
     * @param itemFactors the factors of the items the shopper interacted with, one per interaction
     *     summary (an item appearing once, with its summed weight)
     * @param weights the interaction weight of each item, parallel to {@code itemFactors}
     * @return the shopper's factor, length k
     */
    public float[] solve(float[][] itemFactors, double[] weights) {
        if (itemFactors.length != weights.length) {
            throw new IllegalArgumentException(itemFactors.length + " item factors but " + weights.length + " weights");
        }
        float[] rows = new float[itemFactors.length * k];
        for (int n = 0; n < itemFactors.length; n++) {
            if (itemFactors[n].length != k) {
                throw new IllegalArgumentException(
                        "item factor " + n + " has length " + itemFactors[n].length + ", expected " + k);
            }
            System.arraycopy(itemFactors[n], 0, rows, n * k, k);
        }
        return solveRows(rows, weights);
    }

    /**
     * The same solve with the item factors in one row-major array ({@code weights.length × k}), as
     * a shopper's profile keeps them: no copy per update.
     */
    public float[] solveRows(float[] itemFactors, double[] weights) {
        if (itemFactors.length != weights.length * k) {
            throw new IllegalArgumentException(
                    itemFactors.length + " factor values for " + weights.length + " weights of " + k + " factors");
        }
        double[] a = yty.clone();
        for (int i = 0; i < k; i++) {
            a[i * k + i] += lambda;
        }
        double[] b = new double[k];
        for (int n = 0; n < weights.length; n++) {
            int row = n * k;
            double w = weights[n];
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("weight " + n + " is not finite: " + w);
            }
            double confidence = 1 + alpha * Math.abs(w);
            double extra = confidence - 1;
            for (int i = 0; i < k; i++) {
                double yi = itemFactors[row + i];
                if (extra != 0) {
                    for (int j = 0; j < k; j++) {
                        a[i * k + j] += extra * yi * itemFactors[row + j];
                    }
                }
                if (w > 0) {
                    b[i] += confidence * yi;
                }
            }
        }
        double[] x = Cholesky.solve(a, b, k);
        float[] out = new float[k];
        for (int i = 0; i < k; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }
}
