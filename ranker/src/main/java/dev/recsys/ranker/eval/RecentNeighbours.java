package dev.recsys.ranker.eval;

import dev.recsys.ranker.records.EventType;

/**
 * Item-to-item neighbours of the shopper's recent items: {@code score(u, i) = Σ_r 2^(−r/h) · sim(j_r, i)}
 * over the profile's recent list j_0, j_1, … (newest first, r its position), sim being {@link ItemKnn}'s
 * cosine restricted to each item's k nearest neighbours.
 *
 * <p>Why recency by position and not by clock: a shopper's recent list is often one burst of activity
 * minutes long, where a clock half-life cannot tell the items apart, yet the latest few say most about what
 * comes next. What the shopper disliked proposes nothing.
 */
public final class RecentNeighbours {
    private RecentNeighbours() {}

    /**
     * @param k neighbours per recent item, at most {@link ItemKnn#maxK()}
     * @param halfLife recency half-life in positions of the recent list, positive (infinite: all equal)
     */
    public static ScoreFunction scorer(TrainingData data, Profiles profiles, ItemKnn knn, int k, double halfLife) {
        if (k < 1 || k > knn.maxK()) {
            throw new IllegalArgumentException("k must be between 1 and " + knn.maxK() + ", got " + k);
        }
        if (!(halfLife > 0)) {
            throw new IllegalArgumentException("halfLife must be positive, got " + halfLife);
        }
        return user -> {
            double[] scores = new double[data.items()];
            int[] recent = profiles.recentItems(user);
            EventType[] types = profiles.recentTypes(user);
            for (int r = 0; r < recent.length; r++) {
                if (types[r] != EventType.DISLIKE) {
                    knn.addNeighbours(scores, recent[r], k, Math.pow(0.5, r / halfLife));
                }
            }
            return scores;
        };
    }
}
