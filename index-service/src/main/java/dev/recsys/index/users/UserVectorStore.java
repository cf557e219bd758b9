package dev.recsys.index.users;

import dev.recsys.ranker.records.UserVectors;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live shopper vectors, in memory, keyed by userId. Last writer wins on {@link
 * UserVectors#version()}: a record with an older or equal version than the one held is ignored (and
 * counted), so replays and at-least-once delivery never move a shopper back in time. Thread-safe:
 * one consumer thread writes while request threads read.
 */
public final class UserVectorStore {
    private final ConcurrentMap<String, UserVectors> users = new ConcurrentHashMap<>();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();

    /**
     * Offers a record.
     *
     * @return {@code true} when it replaced the held one (or was the first for the shopper), {@code
     *     false} when it was older or equal and ignored
     */
    public boolean offer(UserVectors vectors) {
        boolean[] replaced = {false};
        users.compute(vectors.userId(), (id, held) -> {
            if (held == null || vectors.version() > held.version()) {
                replaced[0] = true;
                return vectors;
            }
            return held;
        });
        (replaced[0] ? applied : ignored).incrementAndGet();
        return replaced[0];
    }

    /** Forgets a shopper (a tombstone on the compacted topic). */
    public void remove(String userId) {
        users.remove(userId);
    }

    public Optional<UserVectors> get(String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    /** How many shoppers are known. */
    public int size() {
        return users.size();
    }

    /** Records that replaced an older version (or were a shopper's first). */
    public long appliedCount() {
        return applied.get();
    }

    /** Records ignored because a newer or equal version was already held. */
    public long ignoredCount() {
        return ignored.get();
    }
}
