package dev.recsys.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static BitSet of(int... items) {
        BitSet set = new BitSet();
        for (int item : items) {
            set.set(item);
        }
        return set;
    }

    /** Ranking 5,1,7,3; relevant {1,3,9}: hits at ranks 2 and 4. */
    private static final int[] RANKED = {5, 1, 7, 3};

    private static final BitSet RELEVANT = of(1, 3, 9);

    @Test
    void recallCountsHitsOverAllRelevant() {
        // top 2 holds one of the three relevant items; top 4 holds two.
        assertEquals(1 / 3.0, Metrics.recall(RANKED, RELEVANT, 2), 1e-12);
        assertEquals(2 / 3.0, Metrics.recall(RANKED, RELEVANT, 4), 1e-12);
        assertEquals(0, Metrics.recall(RANKED, new BitSet(), 4));
    }

    @Test
    void precisionCountsHitsOverTheCutoffNotTheListLength() {
        // Top 2 = {5, 1}: one hit -> 1/2. Top 4: two hits -> 2/4.
        assertEquals(0.5, Metrics.precision(RANKED, RELEVANT, 2), 1e-12);
        assertEquals(0.5, Metrics.precision(RANKED, RELEVANT, 4), 1e-12);
        // At 10 the list of 4 still holds two hits, over 10 places: 0.2 (a short list is not rewarded).
        assertEquals(0.2, Metrics.precision(RANKED, RELEVANT, 10), 1e-12);
        assertEquals(0, Metrics.precision(RANKED, new BitSet(), 10));
        assertThrows(IllegalArgumentException.class, () -> Metrics.precision(RANKED, RELEVANT, 0));
    }

    @Test
    void f1IsTheHarmonicMeanOfPrecisionAndRecallAtTheSameCutoff() {
        // 3 relevant, 2 of them in the top 10 of a full list of ten:
        // P@10 = 2/10 = 0.2, R@10 = 2/3, F1@10 = 2·0.2·(2/3) / (0.2 + 2/3) = (4/15) / (13/15) = 4/13 = 0.3077.
        int[] ten = {5, 1, 7, 3, 20, 21, 22, 23, 24, 9};
        assertEquals(0.2, Metrics.precision(RANKED, RELEVANT, 10), 1e-12);
        assertEquals(2 / 3.0, Metrics.recall(RANKED, RELEVANT, 10), 1e-12);
        assertEquals(4 / 13.0, Metrics.f1(RANKED, RELEVANT, 10), 1e-12);
        assertEquals(0.3077, Metrics.f1(RANKED, RELEVANT, 10), 1e-4);
        // The same ranking with the third relevant item (9) at place 10: P = 0.3, R = 1, F1 = 0.6 / 1.3 = 6/13.
        assertEquals(6 / 13.0, Metrics.f1(ten, RELEVANT, 10), 1e-12);
        // Cut at 4 instead: P@4 = 2/4, R@4 = 2/3, F1 = 2·(1/2)·(2/3) / (1/2 + 2/3) = (2/3) / (7/6) = 4/7.
        assertEquals(4 / 7.0, Metrics.f1(RANKED, RELEVANT, 4), 1e-12);
        // No hit: precision and recall 0, F1 0 (not NaN).
        assertEquals(0, Metrics.f1(new int[] {5, 7}, RELEVANT, 10));
        assertEquals(0, Metrics.f1(0, 0));
        assertEquals(0.5, Metrics.f1(0.5, 0.5), 1e-12);
    }

    @Test
    void ndcgDiscountsByLogRank() {
        // DCG@4 = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068 = 1.06161;
        // IDCG@4 places min(4, 3) = 3 hits first: 1 + 0.63093 + 0.5 = 2.13093; NDCG = 0.49819.
        double dcg = 1 / (Math.log(3) / Math.log(2)) + 1 / (Math.log(5) / Math.log(2));
        double idcg = 1 + 1 / (Math.log(3) / Math.log(2)) + 0.5;
        assertEquals(dcg / idcg, Metrics.ndcg(RANKED, RELEVANT, 4), 1e-12);
        assertEquals(0.49819, Metrics.ndcg(RANKED, RELEVANT, 4), 1e-5);
        // A perfect list scores 1.
        assertEquals(1.0, Metrics.ndcg(new int[] {1, 3, 9, 4}, RELEVANT, 4), 1e-12);
        // With k = 1 and no hit at rank 1: 0.
        assertEquals(0, Metrics.ndcg(RANKED, RELEVANT, 1));
    }

    @Test
    void mrrIsTheReciprocalRankOfTheFirstHit() {
        // First hit at rank 2 -> 1/2; none within the top 1 -> 0.
        assertEquals(0.5, Metrics.mrr(RANKED, RELEVANT, 10), 1e-12);
        assertEquals(0, Metrics.mrr(RANKED, RELEVANT, 1));
    }

    @Test
    void giniIsZeroForEqualExposureAndHighWhenConcentrated() {
        assertEquals(0, Metrics.gini(new long[] {3, 3, 3, 3}), 1e-12);
        // Sorted 0,0,0,4: (2·4 − 4 − 1)·4 / (4·4) = 12/16 = 0.75, the maximum (n − 1)/n for n = 4.
        assertEquals(0.75, Metrics.gini(new long[] {0, 4, 0, 0}), 1e-12);
        // Sorted 1,3: ((2−3)·1 + (4−3)·3) / (2·4) = 2/8 = 0.25.
        assertEquals(0.25, Metrics.gini(new long[] {3, 1}), 1e-12);
        assertEquals(0, Metrics.gini(new long[] {0, 0}));
    }

    @Test
    void coverageIsTheShareOfItemsShownAtAll() {
        assertEquals(0.5, Metrics.coverage(new long[] {0, 2, 0, 1}), 1e-12);
    }

    @Test
    void discountOfRankOneIsOne() {
        assertEquals(1.0, Metrics.discount(1), 1e-12);
        assertEquals(0.5, Metrics.discount(3), 1e-12);
    }

    @Test
    void topKBreaksTiesByLowerIndexAndSkipsExcluded() {
        double[] scores = {0.5, 0.9, 0.5, 0.1, 0.9};
        assertEquals("[1, 4, 0]", java.util.Arrays.toString(TopK.select(scores, null, 3)));
        assertEquals("[4, 0, 2]", java.util.Arrays.toString(TopK.select(scores, of(1), 3)));
        assertEquals(5, TopK.select(scores, null, 10).length);
    }
}
