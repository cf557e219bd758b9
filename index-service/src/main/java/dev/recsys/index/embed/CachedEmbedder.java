package dev.recsys.index.embed;

import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TextEmbedder} that asks its {@link EmbeddingCache} first and embeds only the texts the cache
 * lacks, storing their vectors. Its vectors equal the inner embedder's, which must be deterministic (a
 * cached vector stands for every later call). {@link #embedAll} hands the misses to the inner embedder in
 * one call, so a Transformer still spreads them over its threads.
 */
public final class CachedEmbedder implements TextEmbedder {
    private final TextEmbedder inner;
    private final EmbeddingCache cache;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /** @throws IllegalArgumentException if the cache holds another embedder's or dimension's vectors */
    public CachedEmbedder(TextEmbedder inner, EmbeddingCache cache) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.cache = Objects.requireNonNull(cache, "cache");
        if (!cache.spec().equals(inner.spec()) || cache.dimension() != inner.dimension()) {
            throw new IllegalArgumentException(
                    cache + " does not fit " + inner.spec() + " with " + inner.dimension() + " dimensions");
        }
    }

    @Override
    public EmbedderSpec spec() {
        return inner.spec();
    }

    @Override
    public String textOf(CatalogItem item) {
        return inner.textOf(item);
    }

    /** The inner embedder: queries are not worth a place in the catalog's cache, nor should they be on disk. */
    @Override
    public TextEmbedder forQueries() {
        return inner;
    }

    @Override
    public int dimension() {
        return inner.dimension();
    }

    @Override
    public float[] embed(String text) {
        Objects.requireNonNull(text, "text");
        try {
            EmbeddingCache.Key key = EmbeddingCache.key(text);
            float[] cached = cache.get(key);
            if (cached != null) {
                hits.incrementAndGet();
                return cached;
            }
            misses.incrementAndGet();
            float[] vector = inner.embed(text);
            cache.put(key, vector);
            return vector;
        } catch (IOException e) {
            throw new UncheckedIOException(cache + ": " + e.getMessage(), e);
        }
    }

    @Override
    public float[][] embedAll(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        float[][] vectors = new float[texts.size()][];
        // Texts the cache lacks, each once, with the places that want its vector.
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        try {
            for (int i = 0; i < vectors.length; i++) {
                String text = Objects.requireNonNull(texts.get(i), "text");
                List<Integer> waiting = missing.get(text);
                if (waiting != null) {
                    waiting.add(i);
                    continue;
                }
                vectors[i] = cache.get(EmbeddingCache.key(text));
                if (vectors[i] == null) {
                    missing.computeIfAbsent(text, t -> new ArrayList<>()).add(i);
                }
            }
            hits.addAndGet(vectors.length - missing.size());
            misses.addAndGet(missing.size());
            if (missing.isEmpty()) {
                return vectors;
            }
            List<String> embedNow = List.copyOf(missing.keySet());
            float[][] embedded = inner.embedAll(embedNow);
            for (int m = 0; m < embedNow.size(); m++) {
                cache.put(EmbeddingCache.key(embedNow.get(m)), embedded[m]);
                List<Integer> places = missing.get(embedNow.get(m));
                for (int p = 0; p < places.size(); p++) {
                    vectors[places.get(p)] = p == 0 ? embedded[m] : embedded[m].clone();
                }
            }
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException(cache + ": " + e.getMessage(), e);
        }
    }

    /** Texts answered without the inner embedder so far (the cache, or a repeat within one {@link #embedAll} call). */
    public long hits() {
        return hits.get();
    }

    /** Texts the inner embedder had to embed so far. */
    public long misses() {
        return misses.get();
    }

    public EmbeddingCache cache() {
        return cache;
    }

    /** Forces the cache's new vectors to disk. */
    public void flush() throws IOException {
        cache.flush();
    }

    @Override
    public String toString() {
        return inner + ", cached in " + cache;
    }
}
