package dev.recsys.ranker.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.rank.RankedItem;
import dev.recsys.ranker.rank.ScoreSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FairRerankerTest {
    /** Quota only: p = 0.5, α = 0.1 unadjusted, so m(1..10) = {0,0,0,1,1,1,2,2,3,3} (paper, Table 1). */
    private static final FairnessConfig HALF = new FairnessConfig(0.5, 0.1, false, 1);

    /** Seller cap only: at most ceil(0.3 × 10) = 3 items per seller in a top 10. */
    private static final FairnessConfig CAP = new FairnessConfig(0, 0.1, false, 0.3);

    private static RankedItem item(String id, String seller, boolean isProtected, double score, int rank) {
        return new RankedItem(
                id, seller, "", isProtected, score, Map.of(ScoreSource.CF, score), Set.of("knn-cf"), rank, false);
    }

    /** {@code unprotected} items scored above {@code protectedCount} protected ones, one seller each. */
    private static List<RankedItem> unprotectedFirst(int unprotected, int protectedCount) {
        List<RankedItem> list = new ArrayList<>();
        for (int i = 1; i <= unprotected; i++) {
            list.add(item("u" + i, "s-u" + i, false, 100 - i, list.size() + 1));
        }
        for (int i = 1; i <= protectedCount; i++) {
            list.add(item("p" + i, "s-p" + i, true, 50 - i, list.size() + 1));
        }
        return list;
    }

    private static List<String> ids(FairRanking ranking) {
        return ranking.items().stream().map(RankedItem::itemId).toList();
    }

    @Test
    void protectedItemsArePromotedExactlyWhereTheQuotaDemands() {
        FairRanking ranking = new FairReranker(HALF).rerank(unprotectedFirst(10, 5), 10);
        assertEquals(List.of("u1", "u2", "u3", "p1", "u4", "u5", "p2", "u6", "p3", "u7"), ids(ranking));
        FairnessReport report = ranking.report();
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 3, 3}, report.minProtectedAtPrefix());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 3, 3}, report.protectedAtPrefix());
        assertTrue(report.quotaMet());
        assertTrue(report.enoughProtectedCandidates());
        assertEquals(3, report.protectedCount());
        assertEquals(0.3, report.protectedShare(), 1e-12);
        assertEquals("", report.note());
    }

    @Test
    void onlyItemsPlacedAboveTheirBlendedPositionAreFlaggedMoved() {
        FairRanking ranking = new FairReranker(HALF).rerank(unprotectedFirst(10, 5), 10);
        for (int position = 1; position <= 10; position++) {
            RankedItem item = ranking.items().get(position - 1);
            assertEquals(item.itemId().startsWith("p"), item.movedByFairness(), item.itemId());
            assertEquals(position < item.blendedRank(), item.movedByFairness(), item.itemId());
        }
        RankedItem p1 = ranking.items().get(3);
        assertEquals(11, p1.blendedRank(), "the blended rank is kept");
        assertEquals(49.0, p1.score());
    }

    @Test
    void protectedItemsThatRankHighEnoughMoveNothing() {
        List<RankedItem> list = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            list.add(item("i" + i, "s" + i, i % 2 == 0, 100 - i, i));
        }
        FairRanking ranking = new FairReranker(HALF).rerank(list, 10);
        assertEquals(list.subList(0, 10), ranking.items());
        assertTrue(ranking.report().quotaMet());
    }

    @Test
    void disabledConfigReturnsTheBlendedTopK() {
        List<RankedItem> list = unprotectedFirst(30, 5);
        FairReranker reranker = new FairReranker(FairnessConfig.disabled());
        FairRanking ranking = reranker.rerank(list, 20);
        assertEquals(list.subList(0, 20), ranking.items());
        assertEquals(0, ranking.report().protectedCount());
        assertArrayEquals(new int[20], ranking.report().minProtectedAtPrefix());
        assertTrue(ranking.report().quotaMet());
        assertFalse(FairnessConfig.disabled().enabled());
    }

    @Test
    void tooFewProtectedCandidatesAreAllPlacedAndReported() {
        // p = 0.5, k = 20: m(20) = 7, but only 2 protected candidates exist.
        FairRanking ranking = new FairReranker(HALF).rerank(unprotectedFirst(28, 2), 20);
        FairnessReport report = ranking.report();
        assertEquals(20, ranking.items().size());
        assertEquals(2, report.protectedCount());
        assertFalse(report.enoughProtectedCandidates());
        assertFalse(report.quotaMet());
        assertEquals("p1", ranking.items().get(3).itemId(), "first protected where m first reaches 1");
        assertEquals("p2", ranking.items().get(6).itemId(), "second where m reaches 2");
        assertTrue(
                report.note().startsWith("only 2 protected candidates for a quota of 7 in the top 20"), report.note());
    }

    @Test
    void sellerCapSkipsItemsOfAFullSeller() {
        List<RankedItem> list = new ArrayList<>();
        for (String seller : new String[] {"A", "B", "C", "D"}) {
            for (int i = 1; i <= 5; i++) {
                list.add(item(seller + i, seller, false, 100 - list.size(), list.size() + 1));
            }
        }
        FairRanking ranking = new FairReranker(CAP).rerank(list, 10);
        assertEquals(List.of("A1", "A2", "A3", "B1", "B2", "B3", "C1", "C2", "C3", "D1"), ids(ranking));
        assertTrue(ranking.items().get(3).movedByFairness(), "B1 rose from 6 to 4");
        assertFalse(ranking.items().get(2).movedByFairness());
        assertEquals("A", ranking.report().largestSeller());
        assertEquals(0.3, ranking.report().largestSellerShare(), 1e-12);
        assertEquals("", ranking.report().note());
    }

    @Test
    void sellerCapIsRelaxedOnlyWhenTooFewSellersRemain() {
        List<RankedItem> list = new ArrayList<>();
        for (String seller : new String[] {"A", "B"}) {
            for (int i = 1; i <= 6; i++) {
                list.add(item(seller + i, seller, false, 100 - list.size(), list.size() + 1));
            }
        }
        FairRanking ranking = new FairReranker(CAP).rerank(list, 10);
        assertEquals(List.of("A1", "A2", "A3", "B1", "B2", "B3", "A4", "A5", "A6", "B4"), ids(ranking));
        assertEquals(0.6, ranking.report().largestSellerShare(), 1e-12);
        assertTrue(
                ranking.report().note().contains("positions 7 to 10 were filled without the cap"),
                ranking.report().note());
    }

    @Test
    void sellerCapRoundsUpWithoutFloatingPointSurprises() {
        assertEquals(6, FairnessConfig.defaults().sellerCap(20), "0.3 × 20 is 6, not 7");
        assertEquals(1, FairnessConfig.defaults().sellerCap(1));
        assertEquals(2, FairnessConfig.defaults().sellerCap(4));
        assertEquals(20, FairnessConfig.disabled().sellerCap(20));
    }

    @Test
    void protectedItemOfAFullSellerIsSkippedAndReported() {
        // p = 0.7 gives m(1..3) = {0, 1, 1}; a cap of ceil(0.2 × 3) = 1 per seller. The only protected
        // item belongs to seller A, which the first item fills, so position 2 cannot take it.
        FairnessConfig config = new FairnessConfig(0.7, 0.1, false, 0.2);
        List<RankedItem> list = List.of(
                item("a1", "A", false, 10, 1),
                item("b1", "B", false, 9, 2),
                item("c1", "C", false, 8, 3),
                item("a2", "A", true, 7, 4));
        FairRanking ranking = new FairReranker(config).rerank(list, 3);
        assertEquals(List.of("a1", "b1", "c1"), ids(ranking));
        FairnessReport report = ranking.report();
        assertArrayEquals(new int[] {0, 1, 1}, report.minProtectedAtPrefix());
        assertTrue(report.enoughProtectedCandidates());
        assertFalse(report.quotaMet());
        assertTrue(report.note().startsWith("the seller cap left too few protected candidates"), report.note());
    }

    @Test
    void firstPositionGoesToAProtectedItemWhenEvenOneDrawWouldFailTheTest() {
        // p = 0.9: F(0; 1, 0.9) = 0.1 is not above α = 0.1, so m(1) = 1 (an exact tie, resolved as
        // the paper's strict inequality says).
        FairnessConfig config = new FairnessConfig(0.9, 0.1, false, 1);
        FairRanking ranking = new FairReranker(config).rerank(unprotectedFirst(3, 3), 3);
        assertEquals("p1", ranking.items().get(0).itemId());
        assertEquals(1, ranking.report().minProtectedAtPrefix()[0]);
    }

    @Test
    void shortListsReturnEveryCandidate() {
        FairRanking ranking = new FairReranker(FairnessConfig.defaults()).rerank(unprotectedFirst(3, 1), 20);
        assertEquals(4, ranking.items().size());
        assertEquals(4, ranking.report().k());
        assertEquals(4, ranking.report().minProtectedAtPrefix().length);
    }

    @Test
    void emptyListGivesAnEmptyRanking() {
        FairRanking ranking = new FairReranker(FairnessConfig.defaults()).rerank(List.of(), 20);
        assertTrue(ranking.items().isEmpty());
        assertEquals(0, ranking.report().k());
        assertNull(ranking.report().largestSeller());
        assertTrue(ranking.report().quotaMet());
    }

    @Test
    void tablesAreComputedOncePerK() {
        FairReranker reranker = new FairReranker(FairnessConfig.defaults());
        assertSame(reranker.table(20), reranker.table(20));
        assertArrayEquals(
                FairnessTable.adjusted(20, 0.3, 0.1).toArray(),
                reranker.table(20).toArray());
    }

    @Test
    void reportArraysCannotBeChangedFromOutside() {
        FairRanking ranking = new FairReranker(HALF).rerank(unprotectedFirst(10, 5), 10);
        ranking.report().protectedAtPrefix()[9] = 99;
        assertEquals(3, ranking.report().protectedAtPrefix()[9]);
        assertThrows(UnsupportedOperationException.class, () -> ranking.items().clear());
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        FairReranker reranker = new FairReranker(FairnessConfig.defaults());
        assertEquals(
                "k must be between 1 and 1000, got 0",
                assertThrows(IllegalArgumentException.class, () -> reranker.rerank(List.of(), 0))
                        .getMessage());
        List<RankedItem> withNull = new ArrayList<>();
        withNull.add(null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> reranker.rerank(withNull, 5))
                .getMessage()
                .startsWith("blended"));
        assertThrows(NullPointerException.class, () -> reranker.rerank(null, 5));
        assertThrows(NullPointerException.class, () -> new FairReranker(null));
    }

    @Test
    void configRejectsValuesOutOfRangeNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FairnessConfig(-0.1, 0.1, true, 0.3))
                .getMessage()
                .startsWith("targetProportion"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FairnessConfig(0.3, 1, true, 0.3))
                .getMessage()
                .startsWith("alpha"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FairnessConfig(0.3, 0.1, true, 0))
                .getMessage()
                .startsWith("maxSellerShare"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FairnessConfig(0.3, 0.1, true, Double.NaN))
                .getMessage()
                .startsWith("maxSellerShare"));
        FairnessConfig defaults = FairnessConfig.defaults();
        assertEquals(new FairnessConfig(0.3, 0.1, true, 0.3), defaults);
    }
}
