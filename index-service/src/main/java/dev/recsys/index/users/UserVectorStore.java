package dev.recsys.index.users;

import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.json.VectorEncoding;
import dev.recsys.ranker.records.Erasure;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.records.UserVectors;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The live shopper vectors, in memory, keyed by userId, and the shoppers erased. Of a shopper's
 * records the one that {@link UserVectors#supersedes supersedes} the others is kept (a later erasure
 * wins, then the higher version): a record that does not supersede the held one is ignored (and
 * counted), so replays and at-least-once delivery never move a shopper back in time. Thread-safe: the
 * consumers and erasure requests write, serialised per shopper, while request threads read.
 *
 * <p>An erasure ({@link #erase}) removes the shopper at once and is remembered (userId → {@code
 * erasedAt}, the latest per shopper): from then on a record of the shopper is accepted only when its
 * {@code erasedUpTo} is at or after that time. A record written before the erasure, still in flight
 * from the stream job or read again from the topic after a restart, never brings the shopper back,
 * while the profile the job starts after the erasure is served as usual. Such records are counted
 * apart ({@link #erasedCount}).
 *
 * <p>The store keeps its {@link ShopperIndex} in step: a record that replaces the held one, and a
 * removal, is applied to the index in the same atomic step as to the store, so the two never
 * disagree about a shopper's record.
 *
 * <p>Each shopper's record is held in its JSON form, the bytes as read from the topic, and decoded
 * again when asked for. Records arrive far more often than they are read (every event of every
 * shopper against the feeds of the few who are browsing). A decoded record is some seventy small
 * objects, and a record replaced every few seconds lives just long enough to be promoted: under a
 * steady stream, copying and reclaiming them was most of the service's garbage-collection work. A
 * {@link RecordSlot} per shopper is one array that later records overwrite in place.
 */
public final class UserVectorStore {
    private final List<Consumer<String>> forgetListeners = new CopyOnWriteArrayList<>();
    private final ConcurrentMap<String, RecordSlot> users = new ConcurrentHashMap<>();
    /** userId → the latest erasure's {@code erasedAt}; written only inside {@code users.compute} of the key. */
    private final ConcurrentMap<String, Long> erasures = new ConcurrentHashMap<>();

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong erased = new AtomicLong();
    private final AtomicLong erasuresApplied = new AtomicLong();
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
     *     false} when it did not supersede the held one, or was written before the shopper's erasure
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

    /**
     * Offers a record already parsed, with the JSON bytes it was read from (kept as they are).
     *
     * @return as {@link #offer(byte[])}
     */
    public boolean offer(UserVectors vectors, byte[] json) {
        Outcome[] outcome = {Outcome.IGNORED};
        users.compute(vectors.userId(), (id, held) -> {
            Long erasedAt = erasures.get(id);
            if (erasedAt != null && vectors.erasedUpTo() < erasedAt) {
                outcome[0] = Outcome.ERASED;
                return held;
            }
            if (held == null
                    || UserVectors.supersedes(
                            vectors.erasedUpTo(), vectors.version(), held.erasedUpTo(), held.version())) {
                outcome[0] = Outcome.APPLIED;
                // Inside compute: the index sees a shopper's records in the store's order, and a
                // shopper's slot has one writer at a time.
                shoppers.update(vectors);
                if (held == null) {
                    return new RecordSlot(vectors.erasedUpTo(), vectors.version(), json);
                }
                held.replace(vectors.erasedUpTo(), vectors.version(), json);
            }
            return held;
        });
        AtomicLong counted =
                switch (outcome[0]) {
                    case APPLIED -> applied;
                    case IGNORED -> ignored;
                    case ERASED -> erased;
                };
        counted.incrementAndGet();
        return outcome[0] == Outcome.APPLIED;
    }

    private enum Outcome {
        APPLIED,
        IGNORED,
        ERASED
    }

    /**
     * Tells {@code listener} the id of every shopper this store forgets (a tombstone or an erasure), so
     * that what others derived from their vectors goes with them.
     */
    public void onForget(Consumer<String> listener) {
        forgetListeners.add(listener);
    }

    /** Forgets a shopper (a tombstone on the compacted topic). */
    public void remove(String userId) {
        users.computeIfPresent(userId, (id, held) -> {
            shoppers.remove(id);
            return null;
        });
        forgetListeners.forEach(listener -> listener.accept(userId));
    }

    /**
     * Erases a shopper: removes what is held of them unless it was written after this erasure (its
     * {@code erasedUpTo} at or after {@code erasedAt}), and from now on refuses their records written
     * before it. Idempotent; of several erasures of a shopper the latest counts.
     *
     * @return {@code true} when this erasure was the shopper's first or later than the one known
     */
    public boolean erase(Erasure erasure) {
        boolean[] later = {false};
        users.compute(erasure.userId(), (id, held) -> {
            // In the shopper's compute, so an offer of the same shopper sees the erasure and the
            // removal together, never one without the other.
            Long known = erasures.get(id);
            later[0] = known == null || erasure.erasedAt() > known;
            if (later[0]) {
                erasures.put(id, erasure.erasedAt());
            }
            long erasedAt = later[0] ? erasure.erasedAt() : known;
            if (held != null && held.erasedUpTo() < erasedAt) {
                shoppers.remove(id);
                return null;
            }
            return held;
        });
        if (later[0]) {
            erasuresApplied.incrementAndGet();
            forgetListeners.forEach(listener -> listener.accept(erasure.userId()));
        }
        return later[0];
    }

    /** When the shopper was last erased (epoch ms), empty for a shopper never erased. */
    public OptionalLong erasedAt(String userId) {
        Long erasedAt = erasures.get(userId);
        return erasedAt == null ? OptionalLong.empty() : OptionalLong.of(erasedAt);
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

    /** Records ignored because the held one superseded them (a newer or equal version). */
    public long ignoredCount() {
        return ignored.get();
    }

    /** Records refused because they were written before the shopper's latest erasure. */
    public long erasedCount() {
        return erased.get();
    }

    /** Shoppers with an erasure known. */
    public int erasureCount() {
        return erasures.size();
    }

    /** Erasures that were a shopper's first or later than the one known (repeats of one are not counted). */
    public long erasuresApplied() {
        return erasuresApplied.get();
    }
}
