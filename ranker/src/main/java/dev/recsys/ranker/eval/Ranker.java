package dev.recsys.ranker.eval;

import java.util.BitSet;

/** A recommender under evaluation: the top k items for a shopper, training items excluded. Thread-safe. */
@FunctionalInterface
public interface Ranker {
    /** Item indexes, best first, at most k. */
    int[] rank(int user, int k);

    /** Full ranking of every catalog item by {@code scores}, minus the shopper's training items. */
    static Ranker of(ScoreFunction scores, TrainingData data) {
        return (user, k) -> {
            BitSet seen = data.seen(user);
            return TopK.select(scores.scores(user), seen, k);
        };
    }
}
