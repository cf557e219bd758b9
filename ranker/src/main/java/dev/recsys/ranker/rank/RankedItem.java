package dev.recsys.ranker.rank;

import java.util.Map;
import java.util.Set;

/**
 * One result of a ranking, with what is needed to explain it: the part each source contributed, the
 * generators that proposed it, where blending put it and whether the fairness pass moved it up.
 *
 * @param score the blended score, the sum of {@code scoreParts}
 * @param scoreParts weight × normalised score for each source the item was scored by
 * @param origins the generators that proposed the item, sorted
 * @param blendedRank 1-based position after blending, before the fairness pass
 * @param movedByFairness whether the fairness pass placed the item above {@code blendedRank}
 */
public record RankedItem(
        String itemId,
        String sellerId,
        String category,
        boolean protectedItem,
        double score,
        Map<ScoreSource, Double> scoreParts,
        Set<String> origins,
        int blendedRank,
        boolean movedByFairness) {

    public RankedItem {
        Checks.requireId(itemId, "itemId");
        Checks.requireId(sellerId, "sellerId");
        category = category == null ? "" : category;
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be a finite number, got " + score);
        }
        scoreParts = Checks.copyScores(scoreParts, "scoreParts");
        origins = Checks.copyOrigins(origins);
        if (blendedRank < 1) {
            throw new IllegalArgumentException("blendedRank must be at least 1, got " + blendedRank);
        }
    }

    /** This item with the fairness flag set as given (the same instance when it already is). */
    public RankedItem withMovedByFairness(boolean moved) {
        if (moved == movedByFairness) {
            return this;
        }
        return new RankedItem(
                itemId, sellerId, category, protectedItem, score, scoreParts, origins, blendedRank, moved);
    }
}
