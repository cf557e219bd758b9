/**
 * Trending items: {@link dev.recsys.index.trending.ItemStatsConsumer} reads the compacted {@code
 * item-stats} topic from the beginning into {@link dev.recsys.index.trending.TrendingItems}, which
 * keeps the latest counts per item and window and serves the top items of a window from a ranked
 * snapshot, each with a score in [0, 1] ({@link dev.recsys.index.trending.TrendingScore}).
 */
package dev.recsys.index.trending;
