package dev.recsys.index.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.vector.VectorMath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogIndexCfTest {
    private static final int FACTORS = 8;

    @TempDir
    Path directory;

    @Test
    void knnCfReturnsTheLargestInnerProductsAmongItemsWithFactors() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(300, 5);
        Random random = new Random(17);
        Map<String, float[]> factors = new HashMap<>();
        HashedNgramEmbedder embedder = HashedNgramEmbedder.fitCatalog(items, 32);
        try (CatalogIndex.Builder builder =
                CatalogIndex.builder(directory.resolve("gen-1"), embedder, 1, IndexSettings.DEFAULTS)) {
            for (int i = 0; i < items.size(); i++) {
                float[] cf = null;
                if (i % 3 != 0) { // a third of the items has no factor, as items new since training
                    cf = new float[FACTORS];
                    for (int f = 0; f < FACTORS; f++) {
                        cf[f] = (float) random.nextGaussian();
                    }
                    factors.put(items.get(i).itemId(), cf);
                }
                builder.add(items.get(i), cf);
            }
            try (CatalogIndex index = builder.finish(Map.of())) {
                float[] shopper = new float[FACTORS];
                for (int f = 0; f < FACTORS; f++) {
                    shopper[f] = (float) random.nextGaussian();
                }
                List<String> expected = factors.entrySet().stream()
                        .sorted(Comparator.comparingDouble(
                                (Map.Entry<String, float[]> e) -> -VectorMath.dot(shopper, e.getValue())))
                        .limit(10)
                        .map(Map.Entry::getKey)
                        .toList();

                List<String> found = index.knnCf(shopper, 10, ItemFilter.NONE).stream()
                        .map(h -> h.item().itemId())
                        .toList();

                assertEquals(FACTORS, index.cfDimension());
                Set<String> overlap = new HashSet<>(found);
                overlap.retainAll(expected);
                assertTrue(overlap.size() >= 9, "found " + found + ", exact " + expected);
                assertTrue(factors.keySet().containsAll(found), "only items with factors");

                String first = expected.get(0);
                List<String> filtered = index.knnCf(shopper, 10, ItemFilter.NONE.excluding(List.of(first))).stream()
                        .map(h -> h.item().itemId())
                        .toList();
                assertFalse(filtered.contains(first), "the filter runs inside the search");

                assertTrue(
                        index.knnCf(new float[FACTORS + 1], 10, ItemFilter.NONE).isEmpty(), "another model");
                assertTrue(index.knnCf(new float[FACTORS], 10, ItemFilter.NONE).isEmpty(), "no direction");
            }
        }
    }

    @Test
    void aGenerationWithoutFactorsHasNoCfCandidates() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(50, 6);
        HashedNgramEmbedder embedder = HashedNgramEmbedder.fitCatalog(items, 32);
        List<CatalogItem> copy = new ArrayList<>(items);
        try (CatalogIndex index = CatalogIndex.build(directory.resolve("gen-2"), copy, embedder, 2)) {
            assertEquals(0, index.cfDimension());
            assertTrue(index.knnCf(new float[] {1, 2, 3}, 5, ItemFilter.NONE).isEmpty());
        }
    }
}
