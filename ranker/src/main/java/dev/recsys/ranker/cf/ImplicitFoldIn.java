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
 * <p>Only the items the shopper interacted with have {@code c_ui ≠ 1} or {@code p_ui ≠ 0}.
 * Confidence is {@code c = 1 + α·|w|} from the interaction's weight w; the preference is {@code p =
 * 1} for a positive weight and {@code p = 0} for a negative one (a dislike is confident evidence of
 * no preference, not a negative preference).
 *
 * <p>B = YᵀY + λI is the same for every shopper, so it is factored once per model, B = L Lᵀ, and
 * item factors are <em>whitened</em>, {@code ŷ = L⁻¹y}, once each (a profile keeps them whitened).
 * Then {@code x = L⁻ᵀ (I + Σ e ŷŷᵀ)⁻¹ r} with {@code e = c − 1} and {@code r = Σ c p ŷ}. For a
 * shopper with n &lt; k items the k×k system is solved through the n×n one of the Woodbury identity
 * ({@code (I + VVᵀ)⁻¹ = I − V (I + VᵀV)⁻¹ Vᵀ}, V's columns √e·ŷ): O(n²k + n³ + k²) per solve
 * instead of O(nk² + k³), the difference between a few microseconds and a hundred for a shopper with
 * a short history. Both forms are exact; which one runs depends only on n and k, so the stream job
 * and the offline evaluator compute bit-identical factors.
 */
public final class ImplicitFoldIn {
    private final int k;
    private final double alpha;
    /** Cholesky factor of YᵀY + λI, k×k row-major, lower triangular. */
    private final double[] l;

    /**
     * @param yty YᵀY over all items, k×k row-major
     * @param k number of factors, 1 to {@link Cholesky#MAX_SIZE}
     * @param lambda regularisation, positive
     * @param alpha confidence scale, not negative
     * @throws IllegalArgumentException naming the bad argument, also when YᵀY + λI is not positive
     *     definite (YᵀY is not a Gram matrix)
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
        this.alpha = alpha;
        double[] b = yty.clone();
        for (int i = 0; i < k; i++) {
            b[i * k + i] += lambda;
        }
        try {
            this.l = Cholesky.factor(b, k);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("yty + lambda*I is not positive definite: " + e.getMessage(), e);
        }
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
     * The item factor as a profile keeps it for this model: {@code L⁻¹y}.
     *
     * @throws IllegalArgumentException if its length is not k
     */
    public float[] whiten(float[] itemFactor) {
        if (itemFactor.length != k) {
            throw new IllegalArgumentException("item factor of length " + itemFactor.length + ", expected " + k);
        }
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            y[i] = itemFactor[i];
        }
        double[] w = Cholesky.forward(l, y, k);
        float[] out = new float[k];
        for (int i = 0; i < k; i++) {
            out[i] = (float) w[i];
        }
        return out;
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
            System.arraycopy(whiten(itemFactors[n]), 0, rows, n * k, k);
        }
        return solveWhitened(rows, weights);
    }

    /**
     * The same solve from factors already {@linkplain #whiten whitened}, in one row-major array
     * ({@code weights.length × k}), as a shopper's profile keeps them.
     */
    public float[] solveWhitened(float[] whitened, double[] weights) {
        return solveWhitened(whitened, weights, null);
    }

    /**
     * The same solve with the Gram matrix of the whitened factors given ({@link #packedGram}, kept
     * up to date by the caller one row per new item), or {@code null} to compute it here when the
     * n×n form needs it. Both ways give bit-identical results.
     */
    public float[] solveWhitened(float[] whitened, double[] weights, float[] gram) {
        return solveWhitened(whitened, weights, weights.length < k, gram);
    }

    /** The solve in the n×n form ({@code smallSystem}) or in the k×k one, whichever n is. */
    float[] solveWhitened(float[] whitened, double[] weights, boolean smallSystem) {
        return solveWhitened(whitened, weights, smallSystem, null);
    }

    private float[] solveWhitened(float[] whitened, double[] weights, boolean smallSystem, float[] gram) {
        int n = weights.length;
        if (whitened.length != n * k) {
            throw new IllegalArgumentException(
                    whitened.length + " factor values for " + n + " weights of " + k + " factors");
        }
        if (gram != null && gram.length != packedSize(n)) {
            throw new IllegalArgumentException(gram.length + " Gram values for " + n + " items");
        }
        double[] scale = new double[n]; // √e: the columns of V are scale·ŷ
        double[] r = new double[k];
        for (int item = 0; item < n; item++) {
            double w = weights[item];
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("weight " + item + " is not finite: " + w);
            }
            double extra = alpha * Math.abs(w);
            scale[item] = Math.sqrt(extra);
            if (w > 0) {
                double confidence = 1 + extra;
                int row = item * k;
                for (int i = 0; i < k; i++) {
                    r[i] += confidence * whitened[row + i];
                }
            }
        }
        double[] u;
        if (smallSystem) {
            u = woodbury(whitened, gram == null ? packedGram(whitened, n, k) : gram, scale, r, n);
        } else {
            u = direct(whitened, scale, r, n);
        }
        double[] x = Cholesky.backward(l, u, k);
        float[] out = new float[k];
        for (int i = 0; i < k; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }

    /** Entries in the packed lower triangle of an n×n matrix, row by row: (i, j ≤ i) at i(i+1)/2 + j. */
    public static int packedSize(int n) {
        return n * (n + 1) / 2;
    }

    /**
     * The Gram matrix ŷᵢ·ŷⱼ of n whitened factors (rows of {@code whitened}), packed lower triangle,
     * each entry summed in double in component order and then rounded to float, as {@link
     * #gramRow} computes a row, so a matrix grown row by row equals one computed at once.
     */
    public static float[] packedGram(float[] whitened, int n, int k) {
        // Accumulated one component at a time: each step is an axpy over a row, which the JIT
        // vectorises (dot products it does not); per entry the sum runs in the same order as a dot.
        double[] column = new double[n];
        double[] m = new double[packedSize(n)];
        for (int c = 0; c < k; c++) {
            for (int item = 0; item < n; item++) {
                column[item] = whitened[item * k + c];
            }
            for (int i = 0; i < n; i++) {
                double ci = column[i];
                int row = packedSize(i);
                for (int j = 0; j <= i; j++) {
                    m[row + j] += ci * column[j];
                }
            }
        }
        float[] out = new float[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = (float) m[i];
        }
        return out;
    }

    /**
     * Row n of the packed Gram matrix for a new whitened factor {@code last} after the first n rows
     * of {@code whitened}: its products with each of them, then with itself, into {@code out} from
     * {@code offset} (n + 1 values). O(nk), where recomputing the matrix is O(n²k).
     */
    public static void gramRow(float[] whitened, int n, int k, float[] last, float[] out, int offset) {
        double[] row = new double[n + 1];
        for (int c = 0; c < k; c++) {
            double lc = last[c];
            for (int j = 0; j < n; j++) {
                row[j] += lc * whitened[j * k + c];
            }
            row[n] += lc * lc;
        }
        for (int j = 0; j <= n; j++) {
            out[offset + j] = (float) row[j];
        }
    }

    /** (I + VVᵀ)⁻¹ r = r − V (I + VᵀV)⁻¹ Vᵀ r: an n×n system. */
    private double[] woodbury(float[] whitened, float[] gram, double[] scale, double[] r, int n) {
        if (n == 0) {
            return r;
        }
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            int packed = packedSize(i);
            for (int j = 0; j <= i; j++) {
                m[i * n + j] = gram[packed + j];
            }
        }
        double[] vr = new double[n];
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j <= i; j++) {
                m[row + j] *= scale[i] * scale[j];
            }
            m[row + i] += 1;
            int factorRow = i * k;
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += whitened[factorRow + c] * r[c];
            }
            vr[i] = scale[i] * sum;
        }
        double[] z = Cholesky.solve(m, vr, n);
        double[] u = r.clone();
        for (int i = 0; i < n; i++) {
            double coefficient = scale[i] * z[i];
            int row = i * k;
            for (int c = 0; c < k; c++) {
                u[c] -= coefficient * whitened[row + c];
            }
        }
        return u;
    }

    /** (I + VVᵀ)⁻¹ r by the k×k system itself, the cheaper form for n ≥ k. */
    private double[] direct(float[] whitened, double[] scale, double[] r, int n) {
        double[] m = new double[k * k]; // lower triangle
        for (int i = 0; i < k; i++) {
            m[i * k + i] = 1;
        }
        for (int item = 0; item < n; item++) {
            double extra = scale[item] * scale[item];
            if (extra == 0) {
                continue;
            }
            int row = item * k;
            for (int a = 0; a < k; a++) {
                double ya = extra * whitened[row + a];
                int out = a * k;
                for (int b = 0; b <= a; b++) {
                    m[out + b] += ya * whitened[row + b];
                }
            }
        }
        return Cholesky.solve(m, r, k);
    }
}
