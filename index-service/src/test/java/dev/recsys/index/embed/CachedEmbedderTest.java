package dev.recsys.index.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache in front of an embedder: misses go to the inner embedder once, in one batch, and survive a
 * reopening; hits never reach it; queries bypass the disk. The inner embedder is a counting fake.
 */
class CachedEmbedderTest {
    private static final int DIMENSION = 4;

    @TempDir
    Path folder;

    /** A deterministic fake that records every text it embeds. */
    private static final class CountingEmbedder implements TextEmbedder {
        final List<String> embedded = new ArrayList<>();
        final List<Integer> batchSizes = new ArrayList<>();

        @Override
        public EmbedderSpec spec() {
            return EmbedderSpec.TRANSFORMER;
        }

        @Override
        public String textOf(CatalogItem item) {
            return item.title();
        }

        @Override
        public int dimension() {
            return DIMENSION;
        }

        @Override
        public synchronized float[] embed(String text) {
            embedded.add(text);
            int h = text.hashCode();
            return new float[] {h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff, text.length()};
        }

        @Override
        public float[][] embedAll(List<String> texts) {
            batchSizes.add(texts.size());
            return TextEmbedder.super.embedAll(texts);
        }
    }

    private EmbeddingCache cache() throws IOException {
        return EmbeddingCache.open(folder.resolve("fake.vectors"), EmbedderSpec.TRANSFORMER, DIMENSION);
    }

    @Test
    void missesAreEmbeddedOnceInOneBatchAndHitsNever() throws IOException {
        CountingEmbedder inner = new CountingEmbedder();
        try (EmbeddingCache cache = cache()) {
            CachedEmbedder cached = new CachedEmbedder(inner, cache);
            float[][] first = cached.embedAll(List.of("a", "b", "a", "c"));
            assertEquals(List.of("a", "b", "c"), inner.embedded);
            assertEquals(List.of(3), inner.batchSizes);
            assertArrayEquals(inner.embed("a"), first[0]);
            assertArrayEquals(first[0], first[2]);
            inner.embedded.clear();

            float[][] second = cached.embedAll(List.of("c", "d", "a"));
            assertEquals(List.of("d"), inner.embedded);
            assertArrayEquals(first[3], second[0]);
            assertEquals(4, cached.misses()); // a, b, c, then d
            assertEquals(1 + 2, cached.hits()); // the repeated "a", then "c" and "a"
        }
    }

    @Test
    void vectorsSurviveReopeningTheCache() throws IOException {
        float[] before;
        try (EmbeddingCache cache = cache()) {
            before = new CachedEmbedder(new CountingEmbedder(), cache).embed("running shoes");
        }
        CountingEmbedder fresh = new CountingEmbedder();
        try (EmbeddingCache cache = cache()) {
            CachedEmbedder cached = new CachedEmbedder(fresh, cache);
            assertArrayEquals(before, cached.embed("running shoes"));
            assertEquals(List.of(), fresh.embedded);
            assertEquals(1, cached.hits());
        }
    }

    @Test
    void queriesGoToTheInnerEmbedderAndAreNotStored() throws IOException {
        CountingEmbedder inner = new CountingEmbedder();
        try (EmbeddingCache cache = cache()) {
            CachedEmbedder cached = new CachedEmbedder(inner, cache);
            assertSame(inner, cached.forQueries());
            cached.forQueries().embed("a shopper's query");
            assertEquals(0, cache.size());
        }
    }

    @Test
    void aCacheOfAnotherEmbedderIsRefused() throws IOException {
        try (EmbeddingCache hashed = EmbeddingCache.open(folder.resolve("h.vectors"), EmbedderSpec.HASHED, DIMENSION)) {
            assertThrows(IllegalArgumentException.class, () -> new CachedEmbedder(new CountingEmbedder(), hashed));
        }
    }
}
