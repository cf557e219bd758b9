package dev.recsys.ranker.fairness;

/**
 * The binomial distribution in double precision, written out here so that the fairness tables need
 * no statistics library (the ranker is a dependency of every module and stays small).
 *
 * <p>Each term is computed in log space from log-factorials, so rows of a thousand trials neither
 * underflow nor drift the way a running product of {@code p} and {@code 1 - p} would.
 */
final class Binomial {
    /** Log-factorials below this are tabulated; above it, Stirling's series is accurate to an ulp. */
    private static final int TABLE_SIZE = 1100;

    private static final double[] LOG_FACTORIAL = logFactorials();

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private Binomial() {}

    /** {@code ln(n!)}. */
    static double logFactorial(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        if (n < TABLE_SIZE) {
            return LOG_FACTORIAL[n];
        }
        double x = n;
        double inverse = 1 / x;
        double inverseSquared = inverse * inverse;
        // ln Γ(x + 1) = x ln x − x + ½ ln(2πx) + 1/(12x) − 1/(360x³) + 1/(1260x⁵) − …
        double series = inverse
                * (1.0 / 12 - inverseSquared * (1.0 / 360 - inverseSquared * (1.0 / 1260 - inverseSquared / 1680)));
        return x * Math.log(x) - x + HALF_LOG_TWO_PI + 0.5 * Math.log(x) + series;
    }

    /** {@code P(X = j)} for {@code X ~ Binomial(n, p)}. */
    static double pmf(int j, int n, double p) {
        check(n, p);
        if (j < 0 || j > n) {
            return 0;
        }
        if (p == 0) {
            return j == 0 ? 1 : 0;
        }
        if (p == 1) {
            return j == n ? 1 : 0;
        }
        double logChoose = logFactorial(n) - logFactorial(j) - logFactorial(n - j);
        return Math.exp(logChoose + j * Math.log(p) + (n - j) * Math.log1p(-p));
    }

    /** {@code P(X ≤ m)} for {@code X ~ Binomial(n, p)}. */
    static double cdf(int m, int n, double p) {
        check(n, p);
        if (m < 0) {
            return 0;
        }
        if (m >= n) {
            return 1;
        }
        // The terms grow towards the mean, so summing from j = 0 adds small to large.
        double sum = 0;
        for (int j = 0; j <= m; j++) {
            sum += pmf(j, n, p);
        }
        return Math.min(1, sum);
    }

    private static void check(int n, double p) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be between 0 and 1, got " + p);
        }
    }

    /** Compensated (Kahan) sums of logarithms, so the error stays near one ulp even for n ≈ 1000. */
    private static double[] logFactorials() {
        double[] table = new double[TABLE_SIZE];
        double sum = 0;
        double compensation = 0;
        for (int i = 2; i < TABLE_SIZE; i++) {
            double term = Math.log(i) - compensation;
            double next = sum + term;
            compensation = (next - sum) - term;
            sum = next;
            table[i] = sum;
        }
        return table;
    }
}
