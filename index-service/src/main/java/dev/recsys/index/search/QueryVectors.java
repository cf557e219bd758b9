package dev.recsys.index.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.recsys.index.embed.TextEmbedder;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The vectors of recent search queries, so that a query is embedded once while it stays popular: a
 * Transformer spends about a millisecond of a core on a short query, a lookup well under a microsecond.
 * Keyed by the embedder instance and the query text, so a new generation (another hashed embedder's idf,
 * another model) never sees the last one's vectors. Bounded by entry count; the least valuable go first
 * (Caffeine's frequency and recency). Thread-safe.
 */
final class QueryVectors {
    /** Queries kept: about 1.6 KB each at 384 dimensions, so the default costs about 16 MB. */
    static final int DEFAULT_CAPACITY = 10_000;

    private record Key(TextEmbedder embedder, String query) {}

    private final Cache<Key, float[]> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    QueryVectors(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        this.cache = Caffeine.newBuilder().maximumSize(capacity).build();
    }

    /**
     * The embedding of {@code query} by {@code embedder}'s {@link TextEmbedder#forQueries} (queries never
     * reach an on-disk cache); callers must not change the array.
     */
    float[] of(TextEmbedder embedder, String query) {
        Objects.requireNonNull(embedder, "embedder");
        Objects.requireNonNull(query, "query");
        Key key = new Key(embedder.forQueries(), query);
        float[] vector = cache.getIfPresent(key);
        if (vector != null) {
            hits.increment();
            return vector;
        }
        misses.increment();
        // Embedded outside the map: a computing get holds a lock on the key's bin of the hash table for the
        // whole model run (milliseconds), and other queries landing in that bin would wait for it. Two
        // requests for one new query may both embed it; the vectors are equal.
        vector = key.embedder().embed(key.query());
        cache.put(key, vector);
        return vector;
    }

    /** Lookups answered from the cache so far. */
    long hits() {
        return hits.sum();
    }

    /** Lookups that had to embed so far. */
    long misses() {
        return misses.sum();
    }
}
