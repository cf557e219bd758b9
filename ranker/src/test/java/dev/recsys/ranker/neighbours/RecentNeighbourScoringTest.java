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

    private record Contribution(int item, int position, double value) {}

    private static double[] scores(RecentNeighbourScoring rule, int[] recent, EventType... types) {
        double[] scores = new double[5];
        rule.score(recent, types, TABLE, (item, position, c) -> scores[item] += c);
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
                        TABLE,
                        (item, position, c) -> seen.add(new Contribution(item, position, c)));
        double w1 = Math.pow(0.5, 0.5);
        assertEquals(
                List.of(
                        new Contribution(2, 0, 1.0 * 0.6f),
                        new Contribution(1, 1, w1 * 0.8f),
                        new Contribution(2, 1, w1 * 0.5f),
                        new Contribution(3, 1, w1 * 0.25f)),
                seen);
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
                () -> rule.score(new int[] {0}, new EventType[0], TABLE, (i, p, c) -> {}));
    }
}
