package dev.recsys.ranker.eval;

import dev.recsys.ranker.records.EventType;

/**
 * One interaction of an evaluation data set, by index into the data set's shopper and item tables.
 *
 * @param ts event time, epoch milliseconds
 * @param value the rating of a {@link EventType#RATE} event, otherwise {@code null}
 */
public record Interaction(int user, int item, long ts, EventType type, Double value) {
    public Interaction {
        if (user < 0 || item < 0) {
            throw new IllegalArgumentException("user and item must not be negative, got " + user + " and " + item);
        }
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
    }
}
