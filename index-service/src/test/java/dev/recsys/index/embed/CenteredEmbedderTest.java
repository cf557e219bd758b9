package dev.recsys.index.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Centring: the mean of a catalog's vectors is fitted and taken away, vectors are unit again, zero stays
 * zero, and items that shared a common direction become distinguishable. The inner embedder is a fake
 * that maps texts to fixed vectors.
 */
class CenteredEmbedderTest {
    @TempDir
    Path folder;

    /** Every vector shares a large common part, as a sentence encoder's do; "" is the zero vector. */
    private static final class ConeEmbedder implements TextEmbedder {
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
            return 3;
        }

        @Override
        public float[] embed(String text) {
            return switch (text) {
                case "" -> new float[3];
                case "a" -> unit(1, 0.1f, 0);
                case "b" -> unit(1, -0.1f, 0);
                case "c" -> unit(1, 0, 0.1f);
                default -> unit(1, 0, -0.1f);
            };
        }

        private static float[] unit(float x, float y, float z) {
            float n = (float) Math.sqrt(x * x + y * y + z * z);
            return new float[] {x / n, y / n, z / n};
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static CenteredEmbedder fitted(TextEmbedder inner) {
        CenteredEmbedder.Fitter fitter = CenteredEmbedder.fitter(inner);
        for (String text : List.of("a", "b", "c", "d", "")) {
            fitter.add(inner.embed(text));
        }
        assertEquals(4, fitter.count(), "the zero vector does not count");
        return fitter.fit();
    }

    @Test
    void theCommonDirectionIsTakenAwayAndVectorsAreUnitAgain() {
        ConeEmbedder cone = new ConeEmbedder();
        assertTrue(dot(cone.embed("a"), cone.embed("b")) > 0.98, "raw vectors all point alike");
        CenteredEmbedder centred = fitted(cone);
        float[] a = centred.embed("a");
        float[] b = centred.embed("b");
        assertEquals(1.0, dot(a, a), 1e-6);
        assertEquals(-1.0, dot(a, b), 1e-5, "a and b now point apart");
        assertEquals(0.0, dot(a, centred.embed("c")), 1e-5);
        assertArrayEquals(new float[3], centred.embed(""), "nothing to embed stays the zero vector");
        assertArrayEquals(
                centred.embed("d"), centred.embedAll(List.of("a", "d")).clone()[1]);
    }

    @Test
    void theMeanMustFitTheEmbedder() {
        assertThrows(IllegalArgumentException.class, () -> new CenteredEmbedder(new ConeEmbedder(), new float[2]));
        assertThrows(IllegalArgumentException.class, () -> CenteredEmbedder.fitter(new ConeEmbedder())
                .add(new float[4]));
    }

    @Test
    void queriesAreCentredByTheSameMeanThroughTheModelNotTheCache() throws IOException {
        try (EmbeddingCache cache = EmbeddingCache.open(folder.resolve("c.vectors"), EmbedderSpec.TRANSFORMER, 3)) {
            CachedEmbedder cached = new CachedEmbedder(new ConeEmbedder(), cache);
            CenteredEmbedder centred = fitted(cached);
            long stored = cache.size();
            TextEmbedder queries = centred.forQueries();
            assertSame(queries, centred.forQueries(), "one query embedder, so query caches keep hitting");
            assertArrayEquals(centred.embed("a"), queries.embed("a"));
            queries.embed("a query never seen");
            assertEquals(stored, cache.size(), "queries are not written to the cache");
        }
    }
}
