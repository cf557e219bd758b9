package dev.recsys.ranker.records;

import java.util.Objects;

/**
 * One item's interaction counts over one sliding event-time window: the value of {@code
 * item-stats} (docs/CONTRACTS.md, "Item stats").
 *
 * @param window the window's size as written by the stream job, an ISO-8601 duration ({@code PT1H},
 *     {@code P1D})
 * @param windowEnd end of the window in event time, epoch milliseconds, exclusive
 * @param carts {@code add_to_cart} interactions
 * @param total interactions of every type, ratings and dislikes included
 */
public record ItemStats(
        String itemId, String window, long windowEnd, long views, long clicks, long carts, long purchases, long total) {

    public ItemStats {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(window, "window");
    }

    /** The Kafka key, {@code <itemId>|<window>}. */
    public String key() {
        return ItemStatsKey.of(itemId, window);
    }
}
