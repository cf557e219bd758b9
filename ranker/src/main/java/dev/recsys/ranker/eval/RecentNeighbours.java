package dev.recsys.ranker.eval;

import dev.recsys.ranker.neighbours.RecentNeighbourScoring;

/**
 * Item-to-item neighbours of the shopper's recent items: {@link RecentNeighbourScoring} (the rule the live
 * feed runs, {@code score(u, i) = Σ_r 2^(−a_r/h) · sim(j_r, i)}, a_r the entry's age in positions) over the
 * profile's recent list, sim being {@link ItemKnn}'s cosine restricted to each item's k nearest neighbours.
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
        RecentNeighbourScoring rule = new RecentNeighbourScoring(k, halfLife);
        return user -> {
            double[] scores = new double[data.items()];
            rule.score(
                    profiles.recentItems(user),
                    profiles.recentTypes(user),
                    profiles.recentTs(user),
                    knn,
                    (item, position, similarity, contribution) -> scores[item] += contribution);
            return scores;
        };
    }
}
