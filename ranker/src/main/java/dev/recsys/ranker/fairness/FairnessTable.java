package dev.recsys.ranker.fairness;

import java.util.Arrays;

/**
 * The FA*IR table {@code m(i)}, i = 1..k: the minimum number of protected items in every prefix of
 * length i of a top-k ranking (Zehlike et al., "FA*IR: A Fair Top-k Ranking Algorithm", CIKM 2017).
 *
 * <p>A prefix of length i passes the ranked group fairness test when its number of protected items
 * is not significantly below what i Bernoulli draws with success probability p would give, that is
 * when {@code F(τ_p; i, p) > α} for the binomial CDF F. So {@code m(i)} is the inverse binomial CDF:
 * the smallest m with {@code F(m; i, p) > α}.
 *
 * <p>Testing k prefixes at level α rejects a truly fair ranking far more often than α (about 0.25
 * for k = 40, p = 0.5, α = 0.1). The adjusted table runs every test at a corrected level {@code α_c}
 * instead, chosen so that the probability that a fair ranking (every position protected independently
 * with probability p) fails any prefix test is at most α, and as close to α as the discrete tables
 * allow. The failure probability is computed exactly by dynamic programming over the number of
 * protected items so far; {@code α_c} is found by binary search over the finitely many values of α
 * at which the table changes (the CDF values {@code F(m; i, p) ≤ α}), on which the failure
 * probability is monotone.
 *
 * <p>Immutable. Building a table costs O(k²) time; callers cache them (see {@link FairReranker}).
 */
public final class FairnessTable {
    /** The longest ranking a table is built for; rankings served to people are far shorter. */
    public static final int MAX_K = 1000;

    /**
     * CDF values within this relative distance of a threshold count as equal to it. The CDF is exact
     * to about 1e-12 here; without the tolerance a tie in exact arithmetic (e.g. p = 0.5) could fall
     * either way and make a table that does not exist mathematically.
     */
    static final double TIE_TOLERANCE = 1e-9;

    private final int k;
    private final double targetProportion;
    private final double alpha;
    private final boolean adjusted;
    private final double adjustedAlpha;
    private final int[] minProtected;
    private final double failureProbability;

    private FairnessTable(
            int k,
            double targetProportion,
            double alpha,
            boolean adjusted,
            double adjustedAlpha,
            int[] minProtected,
            double failureProbability) {
        this.k = k;
        this.targetProportion = targetProportion;
        this.alpha = alpha;
        this.adjusted = adjusted;
        this.adjustedAlpha = adjustedAlpha;
        this.minProtected = minProtected;
        this.failureProbability = failureProbability;
    }

    /** The table with every prefix tested at level α, as in the paper's Table 1. */
    public static FairnessTable unadjusted(int k, double targetProportion, double alpha) {
        return of(k, targetProportion, alpha, false);
    }

    /** The table with every prefix tested at the corrected level {@code α_c}. */
    public static FairnessTable adjusted(int k, double targetProportion, double alpha) {
        return of(k, targetProportion, alpha, true);
    }

    /**
     * Builds a table.
     *
     * @param k the length of the ranking, 1 to {@value #MAX_K}
     * @param targetProportion p, the minimum proportion of protected items, in [0, 1]
     * @param alpha the significance level, in (0, 1)
     * @param adjust whether to correct α for testing k prefixes
     */
    public static FairnessTable of(int k, double targetProportion, double alpha, boolean adjust) {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", got " + k);
        }
        if (!(targetProportion >= 0 && targetProportion <= 1)) {
            throw new IllegalArgumentException("targetProportion must be between 0 and 1, got " + targetProportion);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be greater than 0 and less than 1, got " + alpha);
        }
        double[][] rows = cdfRows(k, targetProportion, alpha);
        int[] table = tableAt(rows, alpha);
        double failure = failureProbability(table, targetProportion);
        if (!adjust || failure <= alpha) {
            return new FairnessTable(k, targetProportion, alpha, adjust, alpha, table, failure);
        }

        // The table only changes where the threshold passes a CDF value; search those values.
        int count = 0;
        for (int i = 1; i <= k; i++) {
            count += rows[i].length - 1;
        }
        double[] breakpoints = new double[count];
        int at = 0;
        for (int i = 1; i <= k; i++) {
            System.arraycopy(rows[i], 0, breakpoints, at, rows[i].length - 1);
            at += rows[i].length - 1;
        }
        Arrays.sort(breakpoints);
        double bestAlpha = 0;
        int[] bestTable = tableAt(rows, 0);
        double bestFailure = failureProbability(bestTable, targetProportion);
        int low = 0;
        int high = count - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int[] candidate = tableAt(rows, breakpoints[middle]);
            double candidateFailure = failureProbability(candidate, targetProportion);
            if (candidateFailure <= alpha) {
                bestAlpha = breakpoints[middle];
                bestTable = candidate;
                bestFailure = candidateFailure;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return new FairnessTable(k, targetProportion, alpha, true, bestAlpha, bestTable, bestFailure);
    }

    /**
     * The probability that a ranking whose positions are protected independently with probability p
     * fails at least one prefix test of the table, computed exactly in O(k · max m) time.
     *
     * @param minProtected m(i) at index i − 1
     */
    public static double failureProbability(int[] minProtected, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be between 0 and 1, got " + p);
        }
        int cap = 0;
        for (int i = 0; i < minProtected.length; i++) {
            if (minProtected[i] < 0 || minProtected[i] > i + 1) {
                throw new IllegalArgumentException(
                        "minProtected[" + i + "] must be between 0 and " + (i + 1) + ", got " + minProtected[i]);
            }
            cap = Math.max(cap, minProtected[i]);
        }
        if (cap == 0) {
            return 0;
        }
        // mass[j]: probability of j protected items so far without a failed test; j = cap absorbs
        // every count that can no longer fail.
        double[] mass = new double[cap + 1];
        mass[0] = 1;
        double q = 1 - p;
        double failed = 0;
        int cleared = 0;
        for (int i = 0; i < minProtected.length; i++) {
            mass[cap] += mass[cap - 1] * p;
            for (int j = cap - 1; j > 0; j--) {
                mass[j] = mass[j] * q + mass[j - 1] * p;
            }
            mass[0] *= q;
            // Counts below an earlier m are already empty and stay empty.
            for (int j = cleared; j < minProtected[i]; j++) {
                failed += mass[j];
                mass[j] = 0;
            }
            cleared = Math.max(cleared, minProtected[i]);
        }
        return Math.min(1, failed);
    }

    /** {@code rows[i][m] = F(m; i, p)} for m = 0, 1, … up to the first value that exceeds α. */
    private static double[][] cdfRows(int k, double p, double alpha) {
        double[][] rows = new double[k + 1][];
        double[] buffer = new double[k + 1];
        for (int i = 1; i <= k; i++) {
            double cumulative = 0;
            int m = 0;
            while (true) {
                cumulative = m == i ? 1 : Math.min(1, cumulative + Binomial.pmf(m, i, p));
                buffer[m] = cumulative;
                if (exceeds(cumulative, alpha)) {
                    break;
                }
                m++;
            }
            rows[i] = Arrays.copyOf(buffer, m + 1);
        }
        return rows;
    }

    /** m(i) at a threshold no larger than the α the rows were built for. */
    private static int[] tableAt(double[][] rows, double threshold) {
        int k = rows.length - 1;
        int[] table = new int[k];
        int m = 0;
        for (int i = 1; i <= k; i++) {
            // m(i) never falls as i grows, because F(m; i + 1, p) ≤ F(m; i, p).
            m = Math.min(m, rows[i].length - 1);
            while (!exceeds(rows[i][m], threshold)) {
                m++;
            }
            table[i - 1] = m;
        }
        return table;
    }

    private static boolean exceeds(double value, double threshold) {
        return value > threshold * (1 + TIE_TOLERANCE);
    }

    public int k() {
        return k;
    }

    public double targetProportion() {
        return targetProportion;
    }

    /** The significance level asked for. */
    public double alpha() {
        return alpha;
    }

    public boolean isAdjusted() {
        return adjusted;
    }

    /**
     * The level every prefix is tested at: {@code α_c} for an adjusted table (the smallest level that
     * gives this table), α otherwise.
     */
    public double adjustedAlpha() {
        return adjustedAlpha;
    }

    /** m(i), the minimum number of protected items among the first {@code prefixLength} positions. */
    public int minProtected(int prefixLength) {
        if (prefixLength < 1 || prefixLength > k) {
            throw new IllegalArgumentException("prefixLength must be between 1 and " + k + ", got " + prefixLength);
        }
        return minProtected[prefixLength - 1];
    }

    /** A copy of the table: m(i) at index i − 1. */
    public int[] toArray() {
        return minProtected.clone();
    }

    /** Package-private view for the re-ranking loop; never modified. */
    int[] array() {
        return minProtected;
    }

    /** The probability that a fair ranking fails at least one prefix test of this table. */
    public double failureProbability() {
        return failureProbability;
    }

    /**
     * Whether protected counts per prefix satisfy the table.
     *
     * @param protectedAtPrefix protected items among the first i positions at index i − 1; may be
     *     shorter than k (a shorter ranking is tested on its own prefixes)
     */
    public boolean isSatisfiedBy(int[] protectedAtPrefix) {
        if (protectedAtPrefix.length > k) {
            throw new IllegalArgumentException(
                    "protectedAtPrefix must have at most " + k + " entries, got " + protectedAtPrefix.length);
        }
        for (int i = 0; i < protectedAtPrefix.length; i++) {
            if (protectedAtPrefix[i] < minProtected[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "FairnessTable[k=" + k + ", p=" + targetProportion + ", alpha=" + alpha + ", adjustedAlpha="
                + adjustedAlpha + ", failureProbability=" + failureProbability + ", m="
                + Arrays.toString(minProtected) + "]";
    }
}
