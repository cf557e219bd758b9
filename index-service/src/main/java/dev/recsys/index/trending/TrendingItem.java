package dev.recsys.index.trending;

import dev.recsys.ranker.records.ItemStats;

/**
 * One answer of {@link TrendingItems#top}.
 *
 * @param score the item's {@link TrendingScore#weight} divided by the top item's in the same window:
 *     in (0, 1], 1 for the first item
 * @param stats the counts the score comes from
 */
public record TrendingItem(String itemId, double score, ItemStats stats) {}
