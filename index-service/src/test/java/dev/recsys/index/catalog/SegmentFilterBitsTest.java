package dev.recsys.index.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.ranker.records.CatalogItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentFilterBitsTest {
    @TempDir
    Path directory;

    @Test
    void filteredVectorSearchesAcrossUpdatedSegmentsReturnExactlyTheMatchingItems() throws Exception {
        List<CatalogItem> items = new ArrayList<>(SampleCatalog.generate(300, 11));
        HashedNgramEmbedder embedder = HashedNgramEmbedder.fitCatalog(items, 32);
        CatalogIndex index = CatalogIndex.build(directory.resolve("gen-1"), items, embedder, 1);
        try (index) {
            float[] query = embedder.embed(items.get(0).title());
            ItemFilter inStock = ItemFilter.NONE.inStock();
            assertEquals(matching(items, inStock), ids(index.knn(query, 1_000, inStock)));
            long keptBeforeUpdates = index.filterBits().keptEntries();
            assertTrue(keptBeforeUpdates > 0, "the in-stock bits are kept after a search");

            // Updates write new segments and delete the old documents: a kept segment's bits still list
            // them, and the search must leave the deleted ones out.
            for (int i = 0; i < 20; i++) {
                CatalogItem old = items.get(i * 7);
                CatalogItem flipped = withStock(old, !old.inStock());
                items.set(i * 7, flipped);
                index.upsert(flipped);
            }
            index.refresh();
            assertEquals(matching(items, inStock), ids(index.knn(query, 1_000, inStock)));

            Set<String> bought = items.stream()
                    .filter(CatalogItem::inStock)
                    .limit(15)
                    .map(CatalogItem::itemId)
                    .collect(Collectors.toSet());
            ItemFilter excluding = inStock.withExclusions(bought);
            ItemFilter kitchen = excluding.withCategory(items.get(3).category());
            try (CatalogView view = index.view()) {
                assertEquals(matching(items, excluding), ids(view.knn(query, 1_000, excluding)));
                assertEquals(matching(items, kitchen), ids(view.knn(query, 1_000, kitchen)));
                // One request's exclusions are cleared in its own copy, never in the kept bits.
                assertEquals(matching(items, inStock), ids(view.knn(query, 1_000, inStock)));
            }
            assertEquals(matching(items, inStock), ids(index.knn(query, 1_000, inStock)));
        }
        assertEquals(0, index.filterBits().keptEntries(), "a closed segment's bits are dropped");
    }

    private static Set<String> matching(List<CatalogItem> items, ItemFilter filter) {
        return items.stream()
                .filter(filter::matches)
                .map(CatalogItem::itemId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> ids(List<Hit> hits) {
        return hits.stream().map(Hit::itemId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static CatalogItem withStock(CatalogItem item, boolean inStock) {
        return new CatalogItem(
                item.itemId(),
                item.title(),
                item.description(),
                item.category(),
                item.brand(),
                item.tags(),
                item.sellerId(),
                item.sellerTier(),
                item.price(),
                inStock,
                item.createdAt(),
                item.attributes());
    }
}
