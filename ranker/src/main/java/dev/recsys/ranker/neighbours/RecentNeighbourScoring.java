package dev.recsys.ranker.neighbours;

import dev.recsys.ranker.records.EventType;

/**
 * The recent-item neighbours rule: {@code score(u, i) = Σ_r 2^(−r/h) · sim(j_r, i)} over the shopper's
 * recent list j_0, j_1, … (newest first, r its position), sim restricted to each item's k nearest
 * neighbours. Offline evaluation and the live feed both call {@link #score}, so what is measured is what
 * is served.
 *
 * <p>Why recency by position and not by clock: a shopper's recent list is often one burst of activity
 * minutes long, where a clock half-life cannot tell the items apart, yet the latest few say most about
 * what comes next. A disliked item proposes nothing, but keeps its position: the items after it are still
 * that far back in the shopper's history.
 *
 * @param k neighbours per recent item, at least 1 (lists shorter than k are used whole)
 * @param halfLife recency half-life in positions of the recent list, positive (infinite: all equal)
 */
public record RecentNeighbourScoring(int k, double halfLife) {
    /** The half-life chosen on validation (docs/EVALUATION.md). */
    public static final double DEFAULT_HALF_LIFE = 5;

    /** Receives each contribution as it is computed, in the order of the sum. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param item the neighbour scored
         * @param position the position in the recent list of the item that proposed it
         * @param contribution {@code 2^(−position/h) · sim}
         */
        void add(int item, int position, double contribution);
    }

    public RecentNeighbourScoring {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (!(halfLife > 0)) {
            throw new IllegalArgumentException("halfLife must be positive, got " + halfLife);
        }
    }

    /** The weight of the recent item at {@code position}: {@code 2^(−position/h)}. */
    public double recencyWeight(int position) {
        return Math.pow(0.5, position / halfLife);
    }

    /**
     * Sends every contribution of the recent list to {@code sink}: for each position r in order, each of
     * the item's first k neighbours n in order.
     *
     * @param recentItems item indexes of the recent list, newest first; a negative index is an item
     *     without neighbours (it keeps its position)
     * @param recentTypes the shopper's latest interaction with each, parallel to {@code recentItems}
     */
    public void score(int[] recentItems, EventType[] recentTypes, ItemNeighbours neighbours, Sink sink) {
        if (recentItems.length != recentTypes.length) {
            throw new IllegalArgumentException(
                    "recentItems has " + recentItems.length + " entries, recentTypes " + recentTypes.length);
        }
        for (int r = 0; r < recentItems.length; r++) {
            int item = recentItems[r];
            if (item < 0 || recentTypes[r] == EventType.DISLIKE) {
                continue;
            }
            double weight = recencyWeight(r);
            int count = Math.min(k, neighbours.neighbourCount(item));
            for (int n = 0; n < count; n++) {
                sink.add(neighbours.neighbour(item, n), r, weight * neighbours.similarity(item, n));
            }
        }
    }
}
