package dev.recsys.index.users;

import dev.recsys.ranker.records.UserVectors;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live shopper vectors, in memory, keyed by userId. Last writer wins on {@link
 * UserVectors#version()}: a record with an older or equal version than the one held is ignored (and
 * counted), so replays and at-least-once delivery never move a shopper back in time. Thread-safe:
 * one consumer thread writes while request threads read.
 *
 * <p>The store keeps its {@link ShopperIndex} in step: a record that replaces the held one, and a
 * removal, is applied to the index in the same atomic step as to the store, so the two never
 * disagree about a shopper's version.
 */
public final class UserVectorStore {
    private final ConcurrentMap<String, UserVectors> users = new ConcurrentHashMap<>();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final ShopperIndex shoppers;

    /** A store with a {@link ShopperIndex} of default settings. */
    public UserVectorStore() {
        this(new ShopperIndex());
    }

    public UserVectorStore(ShopperIndex shoppers) {
        this.shoppers = Objects.requireNonNull(shoppers, "shoppers");
    }

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
                // Inside compute: the index sees a shopper's records in the store's order.
                shoppers.update(vectors);
                return vectors;
            }
            return held;
        });
        (replaced[0] ? applied : ignored).incrementAndGet();
        return replaced[0];
    }

    /** Forgets a shopper (a tombstone on the compacted topic). */
    public void remove(String userId) {
        users.computeIfPresent(userId, (id, held) -> {
            shoppers.remove(id);
            return null;
        });
    }

    /** The shoppers' CF vectors, in step with the store. */
    public ShopperIndex shoppers() {
        return shoppers;
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
