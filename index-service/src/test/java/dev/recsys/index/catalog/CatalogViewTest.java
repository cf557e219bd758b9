package dev.recsys.index.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.vector.VectorMath;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogViewTest {
    private static final int FACTORS = 8;

    @TempDir
    Path directory;

    @Test
    void hitVectorsReadByDocumentEqualTheVectorsLookedUpById() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(300, 5);
        Random random = new Random(23);
        Map<String, float[]> factors = new HashMap<>();
        HashedNgramEmbedder embedder = HashedNgramEmbedder.fitCatalog(items, 32);
        try (CatalogIndex.Builder builder =
                CatalogIndex.builder(directory.resolve("gen-1"), embedder, 1, IndexSettings.DEFAULTS)) {
            for (int i = 0; i < items.size(); i++) {
                float[] cf = null;
                if (i % 3 != 0) {
                    cf = new float[FACTORS];
                    for (int f = 0; f < FACTORS; f++) {
                        cf[f] = (float) random.nextGaussian();
                    }
                    factors.put(items.get(i).itemId(), cf);
                }
                builder.add(items.get(i), cf);
            }
            try (CatalogIndex index = builder.finish(Map.of());
                    CatalogView view = index.view()) {
                float[] shopper = new float[32];
                float[] taste = new float[FACTORS];
                for (int f = 0; f < shopper.length; f++) {
                    shopper[f] = (float) random.nextGaussian();
                }
                for (int f = 0; f < FACTORS; f++) {
                    taste[f] = (float) random.nextGaussian();
                }
                List<Hit> hits = view.newest(300, ItemFilter.NONE);
                assertEquals(300, hits.size());
                for (Hit hit : hits) {
                    float[] content = index.contentVector(hit.itemId());
                    assertArrayEquals(content, view.contentVector(hit), hit.itemId());
                    assertEquals(VectorMath.cosine(shopper, content), view.contentCosine(hit, shopper), hit.itemId());
                    float[] cf = factors.get(hit.itemId());
                    if (cf == null) {
                        assertNull(view.cfVector(hit), hit.itemId());
                        assertTrue(Double.isNaN(view.cfDot(hit, taste)), hit.itemId());
                    } else {
                        assertArrayEquals(cf, view.cfVector(hit), hit.itemId());
                        assertEquals(VectorMath.dot(taste, cf), view.cfDot(hit, taste), hit.itemId());
                    }
                }
            }
        }
    }

    @Test
    void aViewKeepsSeeingTheCatalogAsItWasWhenOpened() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(50, 5);
        HashedNgramEmbedder embedder = HashedNgramEmbedder.fitCatalog(items, 32);
        try (CatalogIndex index = CatalogIndex.build(directory.resolve("gen-1"), items, embedder, 1)) {
            CatalogItem first = items.get(0);
            try (CatalogView view = index.view()) {
                Hit before = view.find(first.itemId()).orElseThrow();
                float[] vectorBefore = view.contentVector(before);

                index.delete(first.itemId());
                index.refresh();

                assertTrue(index.item(first.itemId()).isEmpty(), "new queries see the delete");
                assertEquals(first, view.item(first.itemId()).orElseThrow(), "the open view does not");
                assertArrayEquals(vectorBefore, view.contentVector(before));
            }
        }
    }

    @Test
    void newestLeavesOutExclusionsEvenBeyondTheKeptDepthAndSeesARefresh() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(400, 5);
        HashedNgramEmbedder embedder = HashedNgramEmbedder.fitCatalog(items, 32);
        try (CatalogIndex index = CatalogIndex.build(directory.resolve("gen-1"), items, embedder, 1)) {
            List<String> newestInStock = newestFirst(items).stream()
                    .filter(CatalogItem::inStock)
                    .map(CatalogItem::itemId)
                    .toList();
            ItemFilter inStock = ItemFilter.NONE.inStock();
            assertEquals(newestInStock.subList(0, 10), ids(index.newest(10, inStock)));
            for (int excluded : new int[] {3, 150}) {
                Set<String> exclusions = Set.copyOf(newestInStock.subList(0, excluded));
                assertEquals(
                        newestInStock.subList(excluded, excluded + 10),
                        ids(index.newest(10, inStock.withExclusions(exclusions))),
                        excluded + " of the newest excluded");
            }

            CatalogItem fresh = new CatalogItem(
                    "fresh-1",
                    "Fresh arrival",
                    "",
                    "home",
                    "",
                    List.of(),
                    "seller-1",
                    null,
                    10,
                    true,
                    items.stream()
                            .map(CatalogItem::createdAt)
                            .max(Instant::compareTo)
                            .orElseThrow()
                            .plusSeconds(60),
                    Map.of());
            index.upsert(fresh);
            index.refresh();
            assertEquals("fresh-1", index.newest(1, inStock).get(0).itemId());
        }
    }

    private static List<CatalogItem> newestFirst(List<CatalogItem> items) {
        return items.stream()
                .sorted(Comparator.comparing(CatalogItem::createdAt, Comparator.reverseOrder())
                        .thenComparing(CatalogItem::itemId))
                .toList();
    }

    private static List<String> ids(List<Hit> hits) {
        return hits.stream().map(Hit::itemId).toList();
    }

    @Test
    void aHitMadeOutsideAViewHasNoDocumentToReadVectorsFrom() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(5, 5);
        HashedNgramEmbedder embedder = HashedNgramEmbedder.fitCatalog(items, 32);
        try (CatalogIndex index = CatalogIndex.build(directory.resolve("gen-1"), items, embedder, 1);
                CatalogView view = index.view()) {
            Hit loose = new Hit(items.get(0), 1f);
            assertThrows(IllegalArgumentException.class, () -> view.contentVector(loose));
        }
    }

    @Test
    void aProfilePersonalisesOnlyWithTheCatalogsDimensionAndADirection() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(5, 5);
        HashedNgramEmbedder embedder = HashedNgramEmbedder.fitCatalog(items, 32);
        try (CatalogIndex index = CatalogIndex.build(directory.resolve("gen-1"), items, embedder, 1);
                CatalogView view = index.view()) {
            float[] direction = new float[32];
            direction[3] = -0.5f;
            assertTrue(view.personalisesWith(direction));
            assertFalse(view.personalisesWith(new float[32])); // likes and dislikes cancelled out
            assertFalse(view.personalisesWith(new float[] {1, 0, 0})); // another catalog's dimension
        }
    }

    @Test
    void aClosedViewRefusesQueries() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(5, 5);
        HashedNgramEmbedder embedder = HashedNgramEmbedder.fitCatalog(items, 32);
        try (CatalogIndex index = CatalogIndex.build(directory.resolve("gen-1"), items, embedder, 1)) {
            CatalogView view = index.view();
            view.close();
            assertThrows(IllegalStateException.class, () -> view.newest(1, ItemFilter.NONE));
        }
    }
}
