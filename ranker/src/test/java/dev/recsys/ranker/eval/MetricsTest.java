package dev.recsys.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
