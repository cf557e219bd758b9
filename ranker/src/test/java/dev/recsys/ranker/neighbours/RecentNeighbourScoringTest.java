package dev.recsys.ranker.neighbours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recsys.ranker.records.EventType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentNeighbourScoringTest {
    /** Item 0: neighbours 1 (0.8), 2 (0.5), 3 (0.25). Item 1: 2 (0.6). Item 4: 3 (1.0). Items 2, 3: none. */
    private static final ItemNeighbours TABLE = new ItemNeighbours() {
        private final int[][] near = {{1, 2, 3}, {2}, {}, {}, {3}};
        private final float[][] sims = {{0.8f, 0.5f, 0.25f}, {0.6f}, {}, {}, {1.0f}};

        @Override
        public int neighbourCount(int item) {
            return near[item].length;
        }

        @Override
        public int neighbour(int item, int n) {
            return near[item][n];
        }

        @Override
        public float similarity(int item, int n) {
            return sims[item][n];
        }
    };

    private record Contribution(int item, int position, float similarity, double value) {}

    /** Scores a recent list whose times all differ (newest first). */
    private static double[] scores(RecentNeighbourScoring rule, int[] recent, EventType... types) {
        long[] times = new long[recent.length];
        for (int r = 0; r < times.length; r++) {
            times[r] = 1_000 - r;
        }
        return scores(rule, recent, times, types);
    }

    private static double[] scores(RecentNeighbourScoring rule, int[] recent, long[] times, EventType... types) {
        double[] scores = new double[5];
        rule.score(recent, types, times, TABLE, (item, position, sim, c) -> scores[item] += c);
        return scores;
    }

    @Test
    void sumsSimilaritiesWeightedByTwoToTheMinusPositionOverHalfLife() {
        // Recent [0, 1]: half-life 1 gives weights 1 and 1/2.
        double[] s = scores(new RecentNeighbourScoring(10, 1), new int[] {0, 1}, EventType.VIEW, EventType.PURCHASE);
        assertEquals(0.8, s[1], 1e-7);
        assertEquals(0.5 + 0.5 * 0.6, s[2], 1e-7);
        assertEquals(0.25, s[3], 1e-7);
        assertEquals(0, s[0]);
        // The default half-life of 5 positions: position 1 weighs 2^(-1/5).
        double[] d = scores(new RecentNeighbourScoring(10, 5), new int[] {0, 1}, EventType.VIEW, EventType.VIEW);
        assertEquals(0.5 + Math.pow(2, -0.2) * 0.6, d[2], 1e-7);
    }

    @Test
    void kKeepsTheNearestNeighboursOfEachRecentItemOnly() {
        double[] s = scores(new RecentNeighbourScoring(2, 1), new int[] {0}, EventType.VIEW);
        assertEquals(0.8, s[1], 1e-7);
        assertEquals(0.5, s[2], 1e-7);
        assertEquals(0, s[3]); // the third neighbour is beyond k
    }

    @Test
    void aDislikeProposesNothingButKeepsItsPosition() {
        // Recent [4 (dislike), 0 (view)]: item 0 is at position 1, weight 1/2; item 4's neighbour 3 gets
        // only what item 0 gives it.
        double[] s = scores(new RecentNeighbourScoring(10, 1), new int[] {4, 0}, EventType.DISLIKE, EventType.VIEW);
        assertEquals(0.5 * 0.8, s[1], 1e-7);
        assertEquals(0.5 * 0.25, s[3], 1e-7);
    }

    @Test
    void anItemWithoutNeighboursKeepsItsPositionToo() {
        double[] s = scores(new RecentNeighbourScoring(10, 1), new int[] {-1, 0}, EventType.VIEW, EventType.VIEW);
        assertEquals(0.5 * 0.8, s[1], 1e-7);
    }

    @Test
    void contributionsArriveInPositionThenNeighbourOrderWithTheirPosition() {
        List<Contribution> seen = new ArrayList<>();
        new RecentNeighbourScoring(10, 2)
                .score(
                        new int[] {1, 0},
                        new EventType[] {EventType.CLICK, EventType.VIEW},
                        new long[] {20, 10},
                        TABLE,
                        (item, position, sim, c) -> seen.add(new Contribution(item, position, sim, c)));
        double w1 = Math.pow(0.5, 0.5);
        assertEquals(
                List.of(
                        new Contribution(2, 0, 0.6f, 1.0 * 0.6f),
                        new Contribution(1, 1, 0.8f, w1 * 0.8f),
                        new Contribution(2, 1, 0.5f, w1 * 0.5f),
                        new Contribution(3, 1, 0.25f, w1 * 0.25f)),
                seen);
    }

    @Test
    void entriesAtTheSameTimeShareTheirAge() {
        // Recent [1, 0, 4] at times 20, 20, 10: ages 0, 0 and 2. Half-life 1: weights 1, 1, 1/4.
        RecentNeighbourScoring rule = new RecentNeighbourScoring(10, 1);
        double[] s = scores(
                rule, new int[] {1, 0, 4}, new long[] {20, 20, 10}, EventType.VIEW, EventType.VIEW, EventType.VIEW);
        assertEquals(0.8, s[1], 1e-7);
        assertEquals(0.6 + 0.5, s[2], 1e-7);
        assertEquals(0.25 + 0.25 * 1.0, s[3], 1e-7);
        // The order of the tied entries changes nothing.
        double[] swapped = scores(
                rule, new int[] {0, 1, 4}, new long[] {20, 20, 10}, EventType.VIEW, EventType.VIEW, EventType.VIEW);
        for (int i = 0; i < s.length; i++) {
            assertEquals(s[i], swapped[i], 1e-12);
        }
        // A tied group pushes the next entry back by its size: [0, 1, 4] at 30, 20, 20 gives 4 age 1.
        double[] later = scores(
                rule, new int[] {0, 1, 4}, new long[] {30, 20, 20}, EventType.VIEW, EventType.VIEW, EventType.VIEW);
        assertEquals(0.25 + 0.5 * 1.0, later[3], 1e-7);
    }

    @Test
    void infiniteHalfLifeWeighsEveryPositionTheSame() {
        RecentNeighbourScoring flat = new RecentNeighbourScoring(10, Double.POSITIVE_INFINITY);
        assertEquals(1.0, flat.recencyWeight(0));
        assertEquals(1.0, flat.recencyWeight(19));
        assertEquals(0.5, new RecentNeighbourScoring(10, 5).recencyWeight(5), 1e-15);
    }

    @Test
    void rejectsBadSettingsAndMismatchedLists() {
        assertThrows(IllegalArgumentException.class, () -> new RecentNeighbourScoring(0, 5));
        assertThrows(IllegalArgumentException.class, () -> new RecentNeighbourScoring(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new RecentNeighbourScoring(10, Double.NaN));
        RecentNeighbourScoring rule = new RecentNeighbourScoring(10, 5);
        assertThrows(
                IllegalArgumentException.class,
                () -> rule.score(new int[] {0}, new EventType[0], new long[1], TABLE, (i, p, sim, c) -> {}));
        assertThrows(
                IllegalArgumentException.class,
                () -> rule.score(
                        new int[] {0}, new EventType[] {EventType.VIEW}, new long[0], TABLE, (i, p, sim, c) -> {}));
    }
}
