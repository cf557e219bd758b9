package dev.recsys.index.users;

import java.util.Comparator;

/**
 * A neighbouring shopper in CF space.
 *
 * @param similarity cosine between the two shoppers' CF vectors, in [-1, 1]
 */
public record SimilarShopper(String userId, double similarity) {

    /** Most similar first, ties by userId, so equal answers list in the same order. */
    public static final Comparator<SimilarShopper> MOST_SIMILAR_FIRST =
            Comparator.comparingDouble(SimilarShopper::similarity).reversed().thenComparing(SimilarShopper::userId);
}
