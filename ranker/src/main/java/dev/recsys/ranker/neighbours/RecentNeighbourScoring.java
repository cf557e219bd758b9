package dev.recsys.ranker.neighbours;

import dev.recsys.ranker.records.EventType;

/**
 * The recent-item neighbours rule: {@code score(u, i) = Σ_r 2^(−a_r/h) · sim(j_r, i)} over the shopper's
 * recent list j_0, j_1, … (newest first), where a_r, the entry's age in positions, is the number of entries
 * with a strictly newer time, and sim is restricted to each item's k nearest neighbours. Offline evaluation
 * and the live feed both call {@link #score}, so what is measured is what is served.
 *
 * <p>Why recency by position and not by clock: a shopper's recent list is often one burst of activity
 * minutes long, where a clock half-life cannot tell the items apart, yet the latest few say most about
 * what comes next. Entries with the same time share an age (their position when times differ, as they
 * usually do): nothing says which of them came last, and a rating batch saved in one second would
 * otherwise be weighed by the order of its item ids. A disliked item proposes nothing, but keeps its
 * position: the items after it are still that far back in the shopper's history.
 *
 * @param k neighbours per recent item, at least 1 (lists shorter than k are used whole)
 * @param halfLife recency half-life in positions of the recent list, positive (infinite: all equal)
 */
public record RecentNeighbourScoring(int k, double halfLife) {
    /** The half-life chosen on validation (docs/EVALUATION.md). */
    public static final double DEFAULT_HALF_LIFE = 1;

    /** Receives each contribution as it is computed, in the order of the sum. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param item the neighbour scored
         * @param position the index in the recent list of the item that proposed it
         * @param similarity that item's similarity to the neighbour
         * @param contribution {@code 2^(−age/h) · similarity}
         */
        void add(int item, int position, float similarity, double contribution);
    }

    public RecentNeighbourScoring {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (!(halfLife > 0)) {
            throw new IllegalArgumentException("halfLife must be positive, got " + halfLife);
        }
    }

    /** The weight of a recent item {@code age} positions back: {@code 2^(−age/h)}. */
    public double recencyWeight(int age) {
        return Math.pow(0.5, age / halfLife);
    }

    /**
     * Sends every contribution of the recent list to {@code sink}: for each position r in order, each of
     * the item's first k neighbours n in order.
     *
     * @param recentItems item indexes of the recent list, newest first; a negative index is an item
     *     without neighbours (it keeps its position)
     * @param recentTypes the shopper's latest interaction with each, parallel to {@code recentItems}
     * @param recentTs the times of those interactions, parallel to {@code recentItems}, newest first
     */
    public void score(
            int[] recentItems, EventType[] recentTypes, long[] recentTs, ItemNeighbours neighbours, Sink sink) {
        if (recentItems.length != recentTypes.length || recentItems.length != recentTs.length) {
            throw new IllegalArgumentException("recentItems has " + recentItems.length + " entries, recentTypes "
                    + recentTypes.length + ", recentTs " + recentTs.length);
        }
        int age = 0;
        for (int r = 0; r < recentItems.length; r++) {
            if (r > 0 && recentTs[r] != recentTs[r - 1]) {
                age = r;
            }
            int item = recentItems[r];
            if (item < 0 || recentTypes[r] == EventType.DISLIKE) {
                continue;
            }
            double weight = recencyWeight(age);
            int count = Math.min(k, neighbours.neighbourCount(item));
            for (int n = 0; n < count; n++) {
                float similarity = neighbours.similarity(item, n);
                sink.add(neighbours.neighbour(item, n), r, similarity, weight * similarity);
            }
        }
    }
}
