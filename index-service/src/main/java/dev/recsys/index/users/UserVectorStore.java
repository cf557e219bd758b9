package dev.recsys.index.users;

import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.json.VectorEncoding;
import dev.recsys.ranker.records.InvalidRecordException;
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
 *
 * <p>Each shopper's record is held in its JSON form, the bytes as read from the topic, and decoded
 * again when asked for. Records arrive far more often than they are read (every event of every
 * shopper against the feeds of the few who are browsing). A decoded record is some seventy small
 * objects, and a record replaced every few seconds lives just long enough to be promoted: under a
 * steady stream, copying and reclaiming them was most of the service's garbage-collection work. A
 * {@link RecordSlot} per shopper is one array that later records overwrite in place.
 */
public final class UserVectorStore {
    private final ConcurrentMap<String, RecordSlot> users = new ConcurrentHashMap<>();
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
     * Offers a record in its JSON form, the UTF-8 bytes of a {@code user-vectors} value (copied: the
     * caller may reuse the array).
     *
     * @return {@code true} when it replaced the held one (or was the first for the shopper), {@code
     *     false} when it was older or equal and ignored
     * @throws InvalidRecordException when the bytes are not a valid record (nothing changes)
     */
    public boolean offer(byte[] json) {
        return offer(UserVectorsJson.parse(json), json);
    }

    /**
     * Offers a record, kept in its JSON form with base64 vectors (which read back bit for bit).
     *
     * @return as {@link #offer(byte[])}
     */
    public boolean offer(UserVectors vectors) {
        return offer(vectors, UserVectorsJson.writeBytes(vectors, VectorEncoding.BASE64));
    }

    private boolean offer(UserVectors vectors, byte[] json) {
        boolean[] replaced = {false};
        users.compute(vectors.userId(), (id, held) -> {
            if (held == null || vectors.version() > held.version()) {
                replaced[0] = true;
                // Inside compute: the index sees a shopper's records in the store's order, and a
                // shopper's slot has one writer at a time.
                shoppers.update(vectors);
                if (held == null) {
                    return new RecordSlot(vectors.version(), json);
                }
                held.replace(vectors.version(), json);
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

    /** The shopper's newest record, decoded afresh on every call. */
    public Optional<UserVectors> get(String userId) {
        RecordSlot held = users.get(userId);
        // Parsed once already when it was offered, so it parses again.
        return held == null ? Optional.empty() : Optional.of(UserVectorsJson.parse(held.copy()));
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
