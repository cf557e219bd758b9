package dev.recsys.index.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.vector.VectorMath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building, updating, reopening and concurrent use, on small hand-made catalogs. */
class CatalogIndexLifecycleTest {
    private static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");

    @TempDir
    Path dir;

    static CatalogItem item(String id, String title, String description, String category, int ageDays) {
        return new CatalogItem(
                id,
                title,
                description,
                category,
                "Acme",
                List.of(),
                "seller-1",
                "small",
                10.0,
                true,
                T0.minusSeconds(ageDays * 86_400L),
                Map.of());
    }

    static List<CatalogItem> smallCatalog() {
        return List.of(
                item("a", "Trail Running Shoes", "Grippy shoes for muddy trails.", "fashion>shoes>running", 1),
                item("b", "Wool Hiking Socks", "Soft socks, great inside running shoes and boots.", "fashion>socks", 2),
                item("c", "Espresso Coffee Beans", "Dark roast beans.", "grocery>pantry>coffee", 3),
                item("d", "Ceramic Coffee Mug", "Holds a large coffee.", "home>kitchen>mugs", 4),
                item("e", "Crème Brûlée Torch", "Caramelise sugar like a chef.", "home>kitchen>tools", 5));
    }

    private CatalogIndex build(List<CatalogItem> items) throws Exception {
        return CatalogIndex.build(
                dir.resolve("gen-1"), items, HashedNgramEmbedder.fitCatalog(items, 64), 1, IndexSettings.DEFAULTS);
    }

    @Test
    void searchRanksTitleMatchesAboveDescriptionMatches() throws Exception {
        try (CatalogIndex index = build(smallCatalog())) {
            List<Hit> hits = index.search("running shoes", 5, ItemFilter.NONE);
            assertEquals(List.of("a", "b"), hits.stream().map(Hit::itemId).toList());
            assertTrue(hits.get(0).score() > hits.get(1).score());
            List<Hit> coffee = index.search("coffee", 5, ItemFilter.NONE);
            // "c" has coffee in title and category, "d" in title and description.
            assertEquals(2, coffee.size());
            assertEquals(
                    "e", index.search("creme brulee", 5, ItemFilter.NONE).get(0).itemId());
        }
    }

    @Test
    void upsertAndDeleteBecomeVisibleAfterRefresh() throws Exception {
        try (CatalogIndex index = build(smallCatalog())) {
            CatalogItem added = item("f", "Insulated Water Bottle", "Keeps drinks cold.", "sports>outdoor>bottles", 0);
            index.upsert(added);
            assertTrue(index.item("f").isEmpty(), "not visible before refresh");
            index.refresh();
            assertEquals(added, index.item("f").orElseThrow());
            assertEquals(6, index.size());
            assertEquals("f", index.newest(1, ItemFilter.NONE).get(0).itemId());
            assertEquals(
                    "f", index.search("water bottle", 1, ItemFilter.NONE).get(0).itemId());
            assertEquals(
                    "f",
                    index.knn(index.contentVector("f"), 1, ItemFilter.NONE)
                            .get(0)
                            .itemId());

            CatalogItem renamed = item("f", "Insulated Flask", "Keeps drinks hot.", "sports>outdoor>flasks", 0);
            index.upsert(renamed);
            index.refresh();
            assertEquals(6, index.size());
            assertEquals("Insulated Flask", index.item("f").orElseThrow().title());
            assertTrue(index.search("water bottle", 5, ItemFilter.NONE).isEmpty());

            index.delete("c");
            assertTrue(index.item("c").isPresent(), "still visible before refresh");
            index.refresh();
            assertTrue(index.item("c").isEmpty());
            assertEquals(5, index.size());
            assertTrue(index.search("espresso", 5, ItemFilter.NONE).isEmpty());
            index.delete("no-such-item");
            index.refresh();
            assertEquals(5, index.size());
        }
    }

    @Test
    void upsertRejectsItemsThatBreakTheContract() throws Exception {
        try (CatalogIndex index = build(smallCatalog())) {
            CatalogItem blankTitle = item("g", " ", "", "home", 0);
            InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> index.upsert(blankTitle));
            assertEquals("title", e.field());
            CatalogItem negative =
                    new CatalogItem("h", "Thing", "", "home", "", List.of(), "s", null, -1, true, T0, Map.of());
            assertEquals(
                    "price",
                    assertThrows(InvalidRecordException.class, () -> index.upsert(negative))
                            .field());
        }
    }

    @Test
    void itemWithoutTextFeaturesHasNoVectorButIsStillListed() throws Exception {
        List<CatalogItem> items = new ArrayList<>(smallCatalog());
        CatalogItem symbols = new CatalogItem(
                "z", "!!!", "", "", "", List.of(), "seller-2", null, 1.0, true, T0.plusSeconds(60), Map.of());
        items.add(symbols);
        try (CatalogIndex index = build(items)) {
            assertEquals(6, index.size());
            assertTrue(VectorMath.isZero(index.contentVector("z")));
            assertEquals("z", index.newest(1, ItemFilter.NONE).get(0).itemId());
            for (String id : List.of("a", "b", "c", "d", "e")) {
                List<Hit> near = index.knn(index.contentVector(id), 10, ItemFilter.NONE);
                assertTrue(near.stream().noneMatch(hit -> hit.itemId().equals("z")));
            }
            List<String> visited = new ArrayList<>();
            index.forEach((item, vector) -> {
                visited.add(item.itemId());
                assertEquals(index.dimension(), vector.length);
            });
            assertEquals(6, visited.size());
        }
    }

    @Test
    void reopenedIndexKeepsGenerationItemsAndVectors(@TempDir Path embedderDir) throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(500, 3);
        HashedNgramEmbedder embedder = HashedNgramEmbedder.fitCatalog(items, 32);
        Path location = dir.resolve("gen-9");
        Path embedderFile = embedderDir.resolve("embedder.bin");
        List<String> before;
        float[] vector;
        try (CatalogIndex index = CatalogIndex.build(location, items, embedder, 9)) {
            vector = index.contentVector("p-000042");
            before = index.knn(vector, 10, ItemFilter.NONE).stream()
                    .map(Hit::itemId)
                    .toList();
            index.upsert(item("extra", "Late Addition Lamp", "", "home>decor>lamps", 0));
            embedder.write(embedderFile);
        } // close commits the upsert
        try (CatalogIndex index = CatalogIndex.open(location, HashedNgramEmbedder.read(embedderFile))) {
            assertEquals(9, index.generation());
            assertEquals(501, index.size());
            assertTrue(index.item("extra").isPresent());
            assertArrayEquals(vector, index.contentVector("p-000042"));
            assertEquals(
                    before,
                    index.knn(vector, 10, ItemFilter.NONE).stream()
                            .map(Hit::itemId)
                            .toList());
        }
        assertThrows(
                IllegalArgumentException.class, () -> CatalogIndex.open(location, HashedNgramEmbedder.untrained(16)));
        assertThrows(IllegalArgumentException.class, () -> CatalogIndex.open(dir.resolve("nothing"), embedder));
    }

    @Test
    void buildRejectsANonEmptyDirectoryDuplicateIdsAndBadGenerations() throws Exception {
        List<CatalogItem> items = smallCatalog();
        HashedNgramEmbedder embedder = HashedNgramEmbedder.fitCatalog(items, 16);
        Path used = dir.resolve("used");
        Files.createDirectories(used);
        Files.writeString(used.resolve("something"), "x");
        assertThrows(IllegalArgumentException.class, () -> CatalogIndex.build(used, items, embedder, 1));

        List<CatalogItem> twice = new ArrayList<>(items);
        twice.add(items.get(0));
        IllegalArgumentException duplicate = assertThrows(
                IllegalArgumentException.class, () -> CatalogIndex.build(dir.resolve("dup"), twice, embedder, 1));
        assertTrue(duplicate.getMessage().contains("'a'"), duplicate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CatalogIndex.build(dir.resolve("neg"), items, embedder, -1));
    }

    @Test
    void emptyCatalogAnswersEveryQueryWithNothing() throws Exception {
        try (CatalogIndex index =
                CatalogIndex.build(dir.resolve("empty"), List.of(), HashedNgramEmbedder.untrained(16), 1)) {
            assertEquals(0, index.size());
            float[] query = HashedNgramEmbedder.untrained(16).embed("anything at all");
            assertTrue(index.knn(query, 5, ItemFilter.NONE).isEmpty());
            assertTrue(index.search("anything", 5, ItemFilter.NONE).isEmpty());
            assertTrue(index.newest(5, ItemFilter.NONE).isEmpty());
            assertTrue(index.diverse(5, ItemFilter.NONE, 1).isEmpty());
        }
    }

    @Test
    void quantizedAndCustomHnswSettingsStillFindTheItemItself() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(1500, 8);
        HashedNgramEmbedder embedder = HashedNgramEmbedder.fitCatalog(items, 128);
        IndexSettings settings = IndexSettings.DEFAULTS.withHnsw(8, 50).withQuantized(true);
        try (CatalogIndex index = CatalogIndex.build(dir.resolve("q"), items, embedder, 1, settings)) {
            int self = 0;
            for (int i = 0; i < 100; i++) {
                String id = items.get(i * 15).itemId();
                if (index.knn(index.contentVector(id), 10, ItemFilter.NONE).stream()
                        .anyMatch(hit -> hit.itemId().equals(id))) {
                    self++;
                }
            }
            assertTrue(self >= 95, "found itself in " + self + "/100");
        }
    }

    @Test
    void indexSettingsRejectOutOfRangeValues() {
        assertThrows(IllegalArgumentException.class, () -> new IndexSettings(0, 100, false, 64));
        assertThrows(IllegalArgumentException.class, () -> new IndexSettings(16, 0, false, 64));
        assertThrows(IllegalArgumentException.class, () -> new IndexSettings(16, 100, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new IndexSettings(100_000, 100, false, 64));
    }

    @Test
    void concurrentQueriesDuringUpdatesNeverFail() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(1000, 4);
        try (CatalogIndex index =
                CatalogIndex.build(dir.resolve("c"), items, HashedNgramEmbedder.fitCatalog(items, 64), 1)) {
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool =
                    Executors.newFixedThreadPool(3, runnable -> new Thread(runnable, "catalog-query-test"));
            try {
                List<Future<Integer>> readers = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    readers.add(pool.submit(() -> {
                        int queries = 0;
                        while (!stop.get()) {
                            float[] vector =
                                    index.contentVector(items.get(queries % 100).itemId());
                            if (vector != null) {
                                index.knn(vector, 10, ItemFilter.NONE.inStock());
                            }
                            index.search("wireless headphones", 10, ItemFilter.NONE);
                            index.newest(5, ItemFilter.NONE);
                            queries++;
                        }
                        return queries;
                    }));
                }
                for (int i = 0; i < 200; i++) {
                    CatalogItem original = items.get(i);
                    if (i % 3 == 0) {
                        index.delete(original.itemId());
                    } else {
                        index.upsert(item(original.itemId(), original.title() + " v2", "", original.category(), 0));
                    }
                    if (i % 20 == 0) {
                        index.refresh();
                    }
                }
                index.refresh();
                stop.set(true);
                for (Future<Integer> reader : readers) {
                    assertTrue(reader.get() > 0);
                }
            } finally {
                stop.set(true);
                pool.shutdownNow();
            }
            assertEquals(1000 - 67, index.size());
            assertFalse(index.item(items.get(0).itemId()).isPresent());
            assertTrue(index.item(items.get(1).itemId()).orElseThrow().title().endsWith(" v2"));
        }
    }
}
