package dev.recsys.index.users;

import java.util.List;

/**
 * A candidate from {@link SimilarShoppers}: an item the asking shopper's CF neighbours engaged with.
 *
 * @param score Σ similarity × weight over the neighbours that engaged positively with it
 * @param neighbours how many neighbours contributed to the score
 * @param because the largest contributions, largest first (ties by userId); at most {@link
 *     SimilarShoppersConfig#becausePerItem()}
 */
public record NeighbourItem(String itemId, double score, int neighbours, List<NeighbourEngagement> because) {

    public NeighbourItem {
        because = List.copyOf(because);
    }
}
