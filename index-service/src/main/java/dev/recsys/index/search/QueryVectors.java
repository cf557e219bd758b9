package dev.recsys.index.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.recsys.index.embed.TextEmbedder;
import java.util.Objects;

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

    QueryVectors(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        this.cache = Caffeine.newBuilder().maximumSize(capacity).recordStats().build();
    }

    /**
     * The embedding of {@code query} by {@code embedder}'s {@link TextEmbedder#forQueries} (queries never
     * reach an on-disk cache); callers must not change the array.
     */
    float[] of(TextEmbedder embedder, String query) {
        Objects.requireNonNull(embedder, "embedder");
        Objects.requireNonNull(query, "query");
        return cache.get(
                new Key(embedder.forQueries(), query), key -> key.embedder().embed(key.query()));
    }

    /** Lookups answered from the cache so far. */
    long hits() {
        return cache.stats().hitCount();
    }

    /** Lookups that had to embed so far. */
    long misses() {
        return cache.stats().missCount();
    }
}
