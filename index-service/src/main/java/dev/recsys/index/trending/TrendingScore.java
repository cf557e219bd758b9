package dev.recsys.index.trending;

import dev.recsys.ranker.records.ItemStats;

/**
 * How much an item's counts in a window say it is trending: a weighted count in which each step
 * down the purchase funnel weighs twice the one before, because it is rarer and says more about
 * intent. {@code total} is not used: it includes ratings and dislikes, and a dislike is no sign of
 * a trend.
 *
 * <p>{@link TrendingItems} divides an item's weight by the highest weight in the same window, so
 * the top item scores 1 and the others in proportion.
 */
public final class TrendingScore {
    public static final double VIEW = 1;
    public static final double CLICK = 2;
    public static final double CART = 4;
    public static final double PURCHASE = 8;

    private TrendingScore() {}

    /** {@code views + 2·clicks + 4·carts + 8·purchases}; 0 means the item is not trending. */
    public static double weight(ItemStats stats) {
        return VIEW * stats.views() + CLICK * stats.clicks() + CART * stats.carts() + PURCHASE * stats.purchases();
    }
}
