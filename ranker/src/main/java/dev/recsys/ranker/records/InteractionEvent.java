package dev.recsys.ranker.records;

import java.util.Objects;

/**
 * One shopper interaction, the value of the {@code interactions} topic (key = userId).
 *
 * @param eventId unique per event; replays with the same id are applied once
 * @param ts event time, epoch milliseconds
 * @param value the rating for {@link EventType#RATE} (0 to 5), otherwise optional and unused
 * @param sessionId optional storefront session
 * @param query optional search query that led to the interaction
 */
public record InteractionEvent(
        String eventId,
        String userId,
        String itemId,
        EventType type,
        long ts,
        Double value,
        String sessionId,
        String query) {

    public InteractionEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(type, "type");
    }

    public static InteractionEvent of(String eventId, String userId, String itemId, EventType type, long ts) {
        return new InteractionEvent(eventId, userId, itemId, type, ts, null, null, null);
    }
}
