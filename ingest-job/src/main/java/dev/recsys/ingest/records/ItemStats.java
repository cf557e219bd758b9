package dev.recsys.ingest.records;

/**
 * One item's interaction counts over one sliding event-time window, the value of {@code
 * item-stats}.
 *
 * @param window the window's size as an ISO-8601 duration ({@code PT1H}, {@code P1D})
 * @param windowEnd end of the window in event time, epoch milliseconds (exclusive)
 * @param carts {@code add_to_cart} events
 * @param total interactions of every type, ratings and dislikes included
 */
public record ItemStats(
        String itemId, String window, long windowEnd, long views, long clicks, long carts, long purchases, long total) {

    /** The Kafka key: one entry per item and window in the compacted topic, {@code <itemId>|<window>}. */
    public String key() {
        return itemId + "|" + window;
    }
}
