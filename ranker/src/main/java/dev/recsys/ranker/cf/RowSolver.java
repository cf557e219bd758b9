package dev.recsys.ranker.cf;

/**
 * Solves one row of an implicit ALS half-step: {@code (G + λI + Σ_n (c_n − 1) y_n y_nᵀ) x = Σ_{n: w_n > 0}
 * c_n y_n} with G the Gram matrix of the fixed side. One instance per worker task; not thread-safe
 * (it reuses scratch arrays).
 */
final class RowSolver {
    private final ImplicitAls.Config config;
    private final double[] gram;
    private final int k;
    private final double[] r;
    private final double[] p;
    private final double[] ap;
    private final double[] x;

    RowSolver(ImplicitAls.Config config, double[] gram) {
        this.config = config;
        this.gram = gram;
        this.k = config.factors();
        this.r = new double[k];
        this.p = new double[k];
        this.ap = new double[k];
        this.x = new double[k];
    }

    /**
     * @param previous the row's current factor (the warm start of conjugate gradient)
     * @param other the fixed side's factors
     * @param cols indexes into {@code other} of the row's entries
     * @param weights the entries' signed weights
     * @return the new factor (a new array)
     */
    float[] solve(float[] previous, float[][] other, int[] cols, float[] weights) {
        return config.solver() == ImplicitAls.Solver.CHOLESKY
                ? cholesky(other, cols, weights)
                : conjugateGradient(previous, other, cols, weights);
    }

    private float[] cholesky(float[][] other, int[] cols, float[] weights) {
        double[] a = gram.clone();
        double lambda = config.lambda();
        for (int i = 0; i < k; i++) {
            a[i * k + i] += lambda;
        }
        double[] b = new double[k];
        for (int n = 0; n < cols.length; n++) {
            float[] y = other[cols[n]];
            double w = weights[n];
            double c = ImplicitAls.confidence(w, config.alpha());
            double extra = c - 1;
            for (int i = 0; i < k; i++) {
                double yi = y[i] * extra;
                if (yi != 0) {
                    int rowAt = i * k;
                    for (int j = 0; j <= i; j++) {
                        a[rowAt + j] += yi * y[j];
                    }
                }
                if (w > 0) {
                    b[i] += c * y[i];
                }
            }
        }
        // Only the lower triangle received the rank-one terms: mirror it.
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                a[i * k + j] = a[j * k + i];
            }
        }
        double[] solution = Cholesky.solve(a, b, k);
        float[] out = new float[k];
        for (int i = 0; i < k; i++) {
            out[i] = (float) solution[i];
        }
        return out;
    }

    /** A·v for the row's system, into {@code out}. */
    private void multiply(double[] v, double[] out, float[][] other, int[] cols, float[] weights) {
        double lambda = config.lambda();
        for (int i = 0; i < k; i++) {
            double sum = lambda * v[i];
            int rowAt = i * k;
            for (int j = 0; j < k; j++) {
                sum += gram[rowAt + j] * v[j];
            }
            out[i] = sum;
        }
        for (int n = 0; n < cols.length; n++) {
            double extra = ImplicitAls.confidence(weights[n], config.alpha()) - 1;
            if (extra == 0) {
                continue;
            }
            float[] y = other[cols[n]];
            double s = 0;
            for (int i = 0; i < k; i++) {
                s += y[i] * v[i];
            }
            s *= extra;
            for (int i = 0; i < k; i++) {
                out[i] += s * y[i];
            }
        }
    }

    private float[] conjugateGradient(float[] previous, float[][] other, int[] cols, float[] weights) {
        for (int i = 0; i < k; i++) {
            x[i] = previous[i];
        }
        multiply(x, ap, other, cols, weights);
        for (int i = 0; i < k; i++) {
            r[i] = -ap[i];
        }
        for (int n = 0; n < cols.length; n++) {
            double w = weights[n];
            if (w > 0) {
                double c = ImplicitAls.confidence(w, config.alpha());
                float[] y = other[cols[n]];
                for (int i = 0; i < k; i++) {
                    r[i] += c * y[i];
                }
            }
        }
        System.arraycopy(r, 0, p, 0, k);
        double rsOld = dot(r, r);
        for (int step = 0; step < config.cgSteps() && rsOld > 1e-20; step++) {
            multiply(p, ap, other, cols, weights);
            double pap = dot(p, ap);
            if (!(pap > 0)) {
                break;
            }
            double a = rsOld / pap;
            for (int i = 0; i < k; i++) {
                x[i] += a * p[i];
                r[i] -= a * ap[i];
            }
            double rsNew = dot(r, r);
            double beta = rsNew / rsOld;
            for (int i = 0; i < k; i++) {
                p[i] = r[i] + beta * p[i];
            }
            rsOld = rsNew;
        }
        float[] out = new float[k];
        for (int i = 0; i < k; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }

    private double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
