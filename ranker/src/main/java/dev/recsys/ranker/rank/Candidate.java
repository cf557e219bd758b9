package dev.recsys.ranker.rank;

import java.util.Map;
import java.util.Set;

/**
 * An item proposed for one request, before blending: its raw score from every source that scored it,
 * and the candidate generators that proposed it. Generators that propose the same item are merged
 * into one candidate upstream; {@link ScoreBlender} rejects duplicates.
 *
 * @param itemId the item
 * @param sellerId the item's seller, for the per-seller cap of the fairness pass
 * @param category the item's category path ({@code "a>b>c"}); {@code null} becomes empty
 * @param protectedItem whether the item belongs to the protected group of the fairness pass
 * @param rawScores raw score per source, on that source's own scale; a source the candidate lacks
 *     contributes 0 after normalisation, as that source's lowest score does
 * @param origins names of the generators that proposed it (e.g. {@code knn-content}, {@code
 *     trending}, {@code new}, {@code bm25}); kept sorted
 */
public record Candidate(
        String itemId,
        String sellerId,
        String category,
        boolean protectedItem,
        Map<ScoreSource, Double> rawScores,
        Set<String> origins) {

    public Candidate {
        Checks.requireId(itemId, "itemId");
        Checks.requireId(sellerId, "sellerId");
        category = category == null ? "" : category;
        rawScores = Checks.copyScores(rawScores, "rawScores");
        origins = Checks.copyOrigins(origins);
    }
}
