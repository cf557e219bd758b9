package dev.recsys.ranker.eval;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Ranking and beyond-accuracy metrics, with binary relevance. Definitions follow Microsoft Recommenders
 * ({@code python_evaluation.py}) and the MovieLens comparisons of Dacrema et al. (RecSys 2019):
 *
 * <ul>
 *   <li>Precision@k = hits in the top k / k (k, not the list's length: a shorter list is not rewarded).
 *   <li>Recall@k = hits in the top k / number of relevant items.
 *   <li>F1@k = the harmonic mean {@code 2·P·R / (P + R)} of one shopper's Precision@k and Recall@k, 0 when
 *       both are 0; the evaluation averages it over shoppers like the others (see docs/EVALUATION.md).
 *   <li>NDCG@k = DCG@k / IDCG@k with gain 1 at rank r discounted by {@code 1 / log2(r + 1)}; IDCG places
 *       {@code min(k, relevant)} hits first.
 *   <li>MRR@k = 1 / rank of the first hit in the top k, 0 without one.
 *   <li>Coverage = distinct items recommended to anyone / catalog size.
 *   <li>Gini of exposure over all catalog items: 0 when every item is recommended equally often, near 1
 *       when a few items take all the slots.
 * </ul>
 */
public final class Metrics {
    private Metrics() {}

    /** The position discount of 1-based rank r: {@code 1 / log2(r + 1)}. */
    public static double discount(int rank) {
        return 1.0 / (Math.log(rank + 1.0) / Math.log(2));
    }

    /** The number of relevant items among the first k of the ranking. */
    public static int hits(int[] ranked, BitSet relevant, int k) {
        int hits = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (relevant.get(ranked[r])) {
                hits++;
            }
        }
        return hits;
    }

    public static double precision(int[] ranked, BitSet relevant, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        return hits(ranked, relevant, k) / (double) k;
    }

    public static double recall(int[] ranked, BitSet relevant, int k) {
        int total = relevant.cardinality();
        if (total == 0) {
            return 0;
        }
        return hits(ranked, relevant, k) / (double) total;
    }

    /** The harmonic mean of a precision and a recall; 0 when both are 0. */
    public static double f1(double precision, double recall) {
        double sum = precision + recall;
        return sum == 0 ? 0 : 2 * precision * recall / sum;
    }

    /** F1@k of one ranking: {@link #f1} of its {@link #precision} and {@link #recall} at k. */
    public static double f1(int[] ranked, BitSet relevant, int k) {
        return f1(precision(ranked, relevant, k), recall(ranked, relevant, k));
    }

    public static double ndcg(int[] ranked, BitSet relevant, int k) {
        int total = relevant.cardinality();
        if (total == 0) {
            return 0;
        }
        double dcg = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (relevant.get(ranked[r])) {
                dcg += discount(r + 1);
            }
        }
        double ideal = 0;
        for (int r = 1; r <= Math.min(k, total); r++) {
            ideal += discount(r);
        }
        return dcg / ideal;
    }

    public static double mrr(int[] ranked, BitSet relevant, int k) {
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (relevant.get(ranked[r])) {
                return 1.0 / (r + 1);
            }
        }
        return 0;
    }

    /**
     * Gini coefficient of non-negative counts: {@code Σ_i (2i − n − 1) x_(i) / (n Σ x)} over the counts
     * sorted ascending, i from 1. 0 for an empty or all-zero input.
     */
    public static double gini(long[] counts) {
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            if (sorted[i] < 0) {
                throw new IllegalArgumentException("counts must not be negative, got " + sorted[i]);
            }
            sum += sorted[i];
            weighted += (2.0 * (i + 1) - n - 1) * sorted[i];
        }
        return sum == 0 ? 0 : weighted / (n * sum);
    }

    /** Share of the catalog with a non-zero count. */
    public static double coverage(long[] counts) {
        if (counts.length == 0) {
            return 0;
        }
        long covered = Arrays.stream(counts).filter(c -> c > 0).count();
        return covered / (double) counts.length;
    }
}
