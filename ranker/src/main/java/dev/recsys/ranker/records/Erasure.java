package dev.recsys.ranker.records;

import java.util.Objects;

/**
 * A request to erase a shopper: the value of the compacted {@code erasures} topic (key = userId).
 * Every reader erases what it holds of the shopper from events up to {@code erasedAt}: the stream
 * job drops their profile, version and later-arriving older events; the index service forgets their
 * vectors; training skips their events. Events after {@code erasedAt} start a new profile.
 *
 * @param userId the shopper erased
 * @param erasedAt when the erasure was requested, epoch milliseconds: events with {@code ts} at or
 *     before it are erased
 */
public record Erasure(String userId, long erasedAt) {
    public Erasure {
        Objects.requireNonNull(userId, "userId");
        if (erasedAt < 0) {
            throw new IllegalArgumentException("erasedAt must not be negative, got " + erasedAt);
        }
    }

    /** Whether an event of this shopper at event time {@code ts} is erased. */
    public boolean covers(long ts) {
        return ts <= erasedAt;
    }
}
