package dev.recsys.ranker.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the FA*IR tables.
 *
 * <p>Unless said otherwise the expected tables were derived by exact rational arithmetic (Python
 * {@code fractions}): m(i) = min{m : F(m; i, p) > α} with the binomial CDF summed exactly; the
 * failure probability by the same dynamic programme over exact fractions; and α_c as the largest CDF
 * value F(m; i, p) ≤ α whose table still has failure probability ≤ α, found by trying every such
 * value. The numbers are therefore independent of this code's floating point.
 */
class FairnessTableTest {
    private static final double ALPHA = 0.1;

    /**
     * Table 1 of the FA*IR paper (α = 0.1, k = 1..12, p = 0.1..0.7). The rows also follow by hand,
     * e.g. p = 0.3: 0.7^6 = 0.118 > 0.1 but 0.7^7 = 0.082 ≤ 0.1, so m first becomes 1 at k = 7.
     */
    @Test
    void unadjustedTableMatchesTable1OfThePaper() {
        int[][] expected = {
            {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
            {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1},
            {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2},
            {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3},
            {0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 4},
            {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5},
            {0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6},
        };
        for (int row = 0; row < expected.length; row++) {
            double p = (row + 1) / 10.0;
            assertArrayEquals(
                    expected[row], FairnessTable.unadjusted(12, p, ALPHA).toArray(), "p=" + p);
        }
    }

    @Test
    void unadjustedTablesToFortyWithTheirFailureProbabilities() {
        check(
                FairnessTable.unadjusted(40, 0.3, ALPHA),
                new int[] {
                    0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 7,
                    7, 7, 7, 8, 8, 8, 8
                },
                ALPHA,
                0.23359548842978992);
        check(
                FairnessTable.unadjusted(40, 0.5, ALPHA),
                new int[] {
                    0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 5, 6, 6, 7, 7, 8, 8, 8, 9, 9, 10, 10, 11, 11, 11, 12,
                    12, 13, 13, 14, 14, 15, 15, 16, 16
                },
                ALPHA,
                0.2595894611986296);
        check(
                FairnessTable.unadjusted(40, 0.7, ALPHA),
                new int[] {
                    0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6, 7, 8, 8, 9, 9, 10, 11, 11, 12, 13, 13, 14, 15, 15, 16, 16, 17,
                    18, 18, 19, 20, 20, 21, 22, 22, 23, 24, 24
                },
                ALPHA,
                0.2949240918145433);
    }

    @Test
    void adjustedTablesForTwentyPositions() {
        // Unadjusted, these tables would reject a fair ranking with probability 0.158, 0.189 and 0.235.
        check(
                FairnessTable.adjusted(20, 0.3, ALPHA),
                new int[] {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3},
                0.05764801, // = 0.7^8 = F(0; 8, 0.3)
                0.09681329965440495);
        check(
                FairnessTable.adjusted(20, 0.5, ALPHA),
                new int[] {0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 6, 6},
                0.048126220703125,
                0.0986785888671875);
        check(
                FairnessTable.adjusted(20, 0.7, ALPHA),
                new int[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 6, 7, 7, 8, 9, 9, 10, 10},
                0.0402769360542546,
                0.0979682425864003);
    }

    @Test
    void adjustedTablesForFortyPositions() {
        check(
                FairnessTable.adjusted(40, 0.3, ALPHA),
                new int[] {
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5,
                    6, 6, 6, 6, 7, 7, 7
                },
                0.03789491125299957,
                0.09537968927678663);
        check(
                FairnessTable.adjusted(40, 0.5, ALPHA),
                new int[] {
                    0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 7, 7, 7, 8, 8, 9, 9, 10, 10, 10, 11,
                    11, 12, 12, 12, 13, 13, 14, 14
                },
                0.03125, // = 1/32 = F(0; 5, 0.5), a value several CDF entries share exactly
                0.09904997974444996);
        check(
                FairnessTable.adjusted(40, 0.7, ALPHA),
                new int[] {
                    0, 0, 1, 1, 1, 2, 2, 3, 4, 4, 5, 5, 6, 6, 7, 8, 8, 9, 9, 10, 11, 11, 12, 12, 13, 14, 14, 15, 15, 16,
                    17, 17, 18, 19, 19, 20, 20, 21, 22, 22
                },
                0.027, // = 0.3^3 = F(0; 3, 0.7)
                0.09694466463072689);
    }

    /**
     * The fairsearchcore test suite's case (k = 20, p = 0.25, α = 0.1). Its unadjusted table is the
     * same as ours. For the adjusted one it publishes {0×11, 1×7, 2×2}, whose failure probability is
     * only 0.0486: its binary search stops early. The largest table within α is this one (0.0897);
     * the next stricter one fails a fair ranking with probability 0.105.
     */
    @Test
    void adjustedTableIsTheStrictestWithinAlpha() {
        FairnessTable unadjusted = FairnessTable.unadjusted(20, 0.25, ALPHA);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3}, unadjusted.toArray());
        check(
                FairnessTable.adjusted(20, 0.25, ALPHA),
                new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2},
                0.0634764397982508,
                0.08972216723486781);
        int[] fairsearch = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2};
        assertEquals(0.048589482365059666, FairnessTable.failureProbability(fairsearch, 0.25), 1e-14);
        int[] nextStricter = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2};
        assertEquals(0.10515247355215251, FairnessTable.failureProbability(nextStricter, 0.25), 1e-14);
    }

    /** Fixtures of fairsearchcore-java, computed there with Apache Commons Math's binomial. */
    @Test
    void unadjustedTablesMatchAnIndependentImplementation() {
        int[] k80p06 = {
            0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 15, 15, 16,
            16, 17, 17, 18, 18, 19, 19, 20, 21, 21, 22, 22, 23, 23, 24, 24, 25, 26, 26, 27, 27, 28, 28, 29, 29, 30, 31,
            31, 32, 32, 33, 33, 34, 34, 35, 36, 36, 37, 37, 38, 38, 39, 40, 40, 41, 41, 42, 42
        };
        assertArrayEquals(k80p06, FairnessTable.unadjusted(80, 0.6, 0.1).toArray());
        int[] k100p05a03 = {
            0, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15,
            15, 15, 16, 16, 17, 17, 18, 18, 19, 19, 20, 20, 21, 21, 22, 22, 23, 23, 24, 24, 25, 25, 26, 26, 27, 27, 27,
            28, 28, 29, 29, 30, 30, 31, 31, 32, 32, 33, 33, 34, 34, 35, 35, 36, 36, 37, 37, 38, 38, 39, 39, 40, 40, 41,
            41, 42, 42, 43, 43, 43, 44, 44, 45, 45, 46, 46, 47, 47
        };
        assertArrayEquals(k100p05a03, FairnessTable.unadjusted(100, 0.5, 0.3).toArray());
    }

    @Test
    void failureProbabilityOfAShortTableIsTheChanceOfAnEmptyPrefix() {
        // k = 10, p = 0.2, α = 0.15: m = 1 from position 9 on, so a fair ranking fails exactly when
        // its first 9 positions hold no protected item: 0.8^9.
        FairnessTable table = FairnessTable.adjusted(10, 0.2, 0.15);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1}, table.toArray());
        assertEquals(Math.pow(0.8, 9), table.failureProbability(), 1e-15);
        assertEquals(0.15, table.adjustedAlpha(), "already within α: no adjustment needed");
    }

    @Test
    void failureProbabilityAgreesWithSimulation() {
        FairnessTable table = FairnessTable.adjusted(30, 0.4, ALPHA);
        Random random = new Random(42);
        int trials = 200_000;
        int failures = 0;
        for (int t = 0; t < trials; t++) {
            int protectedSoFar = 0;
            for (int i = 1; i <= 30; i++) {
                if (random.nextDouble() < 0.4) {
                    protectedSoFar++;
                }
                if (protectedSoFar < table.minProtected(i)) {
                    failures++;
                    break;
                }
            }
        }
        double expected = table.failureProbability();
        double sigma = Math.sqrt(expected * (1 - expected) / trials);
        assertEquals(expected, failures / (double) trials, 4 * sigma);
    }

    @Test
    void adjustedTablesStayWithinAlphaAndBelowTheUnadjustedOnes() {
        Random random = new Random(7);
        for (int trial = 0; trial < 60; trial++) {
            int k = 1 + random.nextInt(120);
            double p = 0.05 + 0.9 * random.nextDouble();
            double alpha = 0.01 + 0.2 * random.nextDouble();
            FairnessTable adjusted = FairnessTable.adjusted(k, p, alpha);
            int[] unadjusted = FairnessTable.unadjusted(k, p, alpha).toArray();
            String label = "k=" + k + " p=" + p + " alpha=" + alpha;
            assertTrue(adjusted.failureProbability() <= alpha, label);
            assertTrue(adjusted.adjustedAlpha() <= alpha, label);
            int[] m = adjusted.toArray();
            for (int i = 0; i < k; i++) {
                assertTrue(m[i] <= unadjusted[i], label);
                assertTrue(i == 0 || (m[i] >= m[i - 1] && m[i] <= m[i - 1] + 1), label + " steps by 0 or 1");
            }
        }
    }

    @Test
    void zeroProportionAsksForNothingAndFullProportionForEverything() {
        assertArrayEquals(new int[5], FairnessTable.adjusted(5, 0, ALPHA).toArray());
        FairnessTable all = FairnessTable.adjusted(5, 1, ALPHA);
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, all.toArray());
        assertEquals(0, all.failureProbability());
    }

    @Test
    void buildsTheLargestTable() {
        FairnessTable table = FairnessTable.adjusted(FairnessTable.MAX_K, 0.5, ALPHA);
        assertTrue(table.failureProbability() <= ALPHA);
        int[] m = table.toArray();
        assertEquals(FairnessTable.MAX_K, m.length);
        for (int i = 1; i < m.length; i++) {
            assertTrue(m[i] >= m[i - 1] && m[i] <= m[i - 1] + 1, "m grows by 0 or 1 at prefix " + (i + 1));
        }
    }

    @Test
    void isSatisfiedByChecksEveryPrefix() {
        FairnessTable table = FairnessTable.unadjusted(12, 0.5, ALPHA); // {0,0,0,1,1,1,2,2,3,3,3,4}
        assertTrue(table.isSatisfiedBy(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 4}));
        assertFalse(table.isSatisfiedBy(new int[] {0, 0, 0, 1, 1, 1, 1, 2, 3, 3, 3, 4}));
        assertTrue(table.isSatisfiedBy(new int[] {1, 1, 1, 1}), "a shorter ranking is tested on its prefixes");
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertEquals(
                "k must be between 1 and 1000, got 0",
                assertThrows(IllegalArgumentException.class, () -> FairnessTable.adjusted(0, 0.3, ALPHA))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FairnessTable.adjusted(10, 1.2, ALPHA))
                .getMessage()
                .startsWith("targetProportion"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FairnessTable.adjusted(10, 0.3, 0))
                .getMessage()
                .startsWith("alpha"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FairnessTable.adjusted(10, 0.3, Double.NaN))
                .getMessage()
                .startsWith("alpha"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> FairnessTable.failureProbability(new int[] {2}, 0.5))
                        .getMessage()
                        .startsWith("minProtected[0]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FairnessTable.unadjusted(5, 0.5, ALPHA)
                        .minProtected(6))
                .getMessage()
                .startsWith("prefixLength"));
    }

    private static void check(FairnessTable table, int[] expected, double adjustedAlpha, double failure) {
        assertArrayEquals(expected, table.toArray(), () -> table + " expected " + Arrays.toString(expected));
        assertEquals(adjustedAlpha, table.adjustedAlpha(), adjustedAlpha * 1e-9, "adjusted alpha of " + table);
        assertEquals(failure, table.failureProbability(), 1e-12, "failure probability of " + table);
        assertTrue(table.failureProbability() <= table.alpha() || !table.isAdjusted());
    }
}
