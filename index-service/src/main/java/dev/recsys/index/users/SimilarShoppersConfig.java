package dev.recsys.index.users;

import dev.recsys.ranker.profile.ProfileConfig;
import java.util.Objects;

/**
 * The knobs of {@link SimilarShoppers}.
 *
 * @param neighbours similar shoppers consulted; default {@value #DEFAULT_NEIGHBOURS}
 * @param items candidates returned at most; default {@value #DEFAULT_ITEMS}
 * @param becausePerItem neighbours listed as the explanation of each candidate; default {@value
 *     #DEFAULT_BECAUSE_PER_ITEM}
 * @param minSimilarity neighbours at or below this cosine are ignored; default {@value
 *     #DEFAULT_MIN_SIMILARITY} (a shopper pointing away in CF space says nothing about what to like)
 * @param profile the event weights ({@link ProfileConfig#weightOf}); only positive ones count, so
 *     dislikes never do, nor ratings, whose stars {@code recent} does not carry; default {@link
 *     ProfileConfig#defaults()} (purchase 6, add-to-cart 4, click 2, view 1)
 */
public record SimilarShoppersConfig(
        int neighbours, int items, int becausePerItem, double minSimilarity, ProfileConfig profile) {

    public static final int DEFAULT_NEIGHBOURS = 50;
    public static final int DEFAULT_ITEMS = 100;
    public static final int DEFAULT_BECAUSE_PER_ITEM = 3;
    public static final double DEFAULT_MIN_SIMILARITY = 0.0;

    public SimilarShoppersConfig {
        checkRange("neighbours", neighbours, 1, ShopperIndex.MAX_K);
        checkRange("items", items, 1, 10_000);
        checkRange("becausePerItem", becausePerItem, 0, 100);
        if (!(minSimilarity >= -1.0 && minSimilarity < 1.0)) {
            throw new IllegalArgumentException("minSimilarity must be in [-1, 1), got " + minSimilarity);
        }
        Objects.requireNonNull(profile, "profile");
    }

    public static SimilarShoppersConfig defaults() {
        return new SimilarShoppersConfig(
                DEFAULT_NEIGHBOURS,
                DEFAULT_ITEMS,
                DEFAULT_BECAUSE_PER_ITEM,
                DEFAULT_MIN_SIMILARITY,
                ProfileConfig.defaults());
    }

    public SimilarShoppersConfig withNeighbours(int newNeighbours) {
        return new SimilarShoppersConfig(newNeighbours, items, becausePerItem, minSimilarity, profile);
    }

    public SimilarShoppersConfig withItems(int newItems) {
        return new SimilarShoppersConfig(neighbours, newItems, becausePerItem, minSimilarity, profile);
    }

    private static void checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
