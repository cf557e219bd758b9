package dev.recsys.ranker.cf;

/**
 * Solves {@code A x = b} for a symmetric positive-definite {@code A} by Cholesky factorisation
 * {@code A = L Lᵀ}, then forward and back substitution: k³/6 multiply-adds, numerically stable
 * without pivoting for such matrices. Dense, row-major, for the small systems of ALS.
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
        if (k < 1 || k > MAX_SIZE) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_SIZE + ", got " + k);
        }
        if (a.length != k * k || b.length != k) {
            throw new IllegalArgumentException(
                    "a must be " + k + "x" + k + " and b of length " + k + ", got " + a.length + " and " + b.length);
        }
        double[] l = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i * k + j];
                for (int m = 0; m < j; m++) {
                    sum -= l[i * k + m] * l[j * k + m];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new IllegalArgumentException(
                                "matrix is not positive definite (pivot " + i + " is " + sum + ")");
                    }
                    l[i * k + i] = Math.sqrt(sum);
                } else {
                    l[i * k + j] = sum / l[j * k + j];
                }
            }
        }
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            double sum = b[i];
            for (int m = 0; m < i; m++) {
                sum -= l[i * k + m] * y[m];
            }
            y[i] = sum / l[i * k + i];
        }
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
}
