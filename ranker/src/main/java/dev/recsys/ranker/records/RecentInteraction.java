package dev.recsys.ranker.records;

/**
 * One entry of a shopper's recent history, newest first in {@link UserVectors#recent()}.
 *
 * @param value the event's value (a rating's stars), or {@code null} when it had none
 */
public record RecentInteraction(String itemId, EventType type, long ts, Double value) {

    /** An entry of an event without a value. */
    public RecentInteraction(String itemId, EventType type, long ts) {
        this(itemId, type, ts, null);
    }
}
