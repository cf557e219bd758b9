package dev.recsys.ranker.cf;

/**
 * Solves {@code A x = b} for a symmetric positive-definite {@code A} by Cholesky factorisation
 * {@code A = L Lᵀ}, then forward and back substitution: k³/6 multiply-adds, numerically stable
 * without pivoting for such matrices. Dense, row-major, for the small systems of ALS. The factor
 * and the two substitutions are also offered apart, for callers that reuse one factor.
 */
public final class Cholesky {
    /** Largest system accepted; ALS factors are far smaller. */
    public static final int MAX_SIZE = 256;

    private Cholesky() {}

    /**
     * @param a k×k row-major, symmetric positive definite; not modified
     * @param b length k; not modified
     * @return x with {@code a x = b}
     * @throws IllegalArgumentException if the sizes disagree, k exceeds {@link #MAX_SIZE}, or
     *     {@code a} is not positive definite
     */
    public static double[] solve(double[] a, double[] b, int k) {
        if (b.length != k) {
            throw new IllegalArgumentException("b must have length " + k + ", got " + b.length);
        }
        double[] l = factor(a, k);
        return backward(l, forward(l, b, k), k);
    }

    /**
     * The lower-triangular L with {@code a = L Lᵀ}, k×k row-major (the upper triangle zero). Only
     * the lower triangle of {@code a} is read.
     *
     * @throws IllegalArgumentException if the sizes disagree, k exceeds {@link #MAX_SIZE}, or
     *     {@code a} is not positive definite
     */
    public static double[] factor(double[] a, int k) {
        if (k < 1 || k > MAX_SIZE) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_SIZE + ", got " + k);
        }
        if (a.length != k * k) {
            throw new IllegalArgumentException("a must be " + k + "x" + k + ", got " + a.length + " entries");
        }
        double[] l = new double[k * k];
        double[] inverseDiagonal = new double[k]; // a multiplication is far cheaper than a division
        for (int i = 0; i < k; i++) {
            int rowI = i * k;
            for (int j = 0; j < i; j++) {
                l[rowI + j] = (a[rowI + j] - dot(l, rowI, j * k, j)) * inverseDiagonal[j];
            }
            double pivot = a[rowI + i] - dot(l, rowI, rowI, i);
            if (!(pivot > 0)) {
                throw new IllegalArgumentException(
                        "matrix is not positive definite (pivot " + i + " is " + pivot + ")");
            }
            l[rowI + i] = Math.sqrt(pivot);
            inverseDiagonal[i] = 1 / l[rowI + i];
        }
        return l;
    }

    /** y with {@code L y = b}, for L from {@link #factor}. */
    public static double[] forward(double[] l, double[] b, int k) {
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            int row = i * k;
            double sum = b[i];
            for (int m = 0; m < i; m++) {
                sum -= l[row + m] * y[m];
            }
            y[i] = sum / l[row + i];
        }
        return y;
    }

    /** x with {@code Lᵀ x = y}, for L from {@link #factor}. */
    public static double[] backward(double[] l, double[] y, int k) {
        double[] x = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            double sum = y[i];
            for (int m = i + 1; m < k; m++) {
                sum -= l[m * k + i] * x[m];
            }
            x[i] = sum / l[i * k + i];
        }
        return x;
    }

    /**
     * Σ l[a+m]·l[b+m] for m below {@code length}, with four partial sums: a single running sum is
     * bound by the latency of each addition, four keep the multiply-add units busy.
     */
    private static double dot(double[] l, int a, int b, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int m = 0;
        for (; m + 3 < length; m += 4) {
            s0 += l[a + m] * l[b + m];
            s1 += l[a + m + 1] * l[b + m + 1];
            s2 += l[a + m + 2] * l[b + m + 2];
            s3 += l[a + m + 3] * l[b + m + 3];
        }
        for (; m < length; m++) {
            s0 += l[a + m] * l[b + m];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
