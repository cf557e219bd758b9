package dev.recsys.index.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.vector.VectorMath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries against one index of the 6,000-item sample catalog, built once for the class. */
class CatalogIndexTest {
    static final int CATALOG_SIZE = 6000;
    static final long CATALOG_SEED = 42;
    static final long GENERATION = 3;

    @TempDir
    static Path directory;

    static List<CatalogItem> items;
    static Map<String, CatalogItem> byId;
    static CatalogIndex index;

    @BeforeAll
    static void buildSampleIndex() throws Exception {
        items = SampleCatalog.generate(CATALOG_SIZE, CATALOG_SEED);
        byId = items.stream().collect(Collectors.toMap(CatalogItem::itemId, item -> item));
        HashedNgramEmbedder embedder = HashedNgramEmbedder.fitCatalog(items, HashedNgramEmbedder.DEFAULT_DIMENSION);
        index = CatalogIndex.build(directory.resolve("gen-3"), items, embedder, GENERATION);
    }

    @AfterAll
    static void closeIndex() throws Exception {
        index.close();
    }

    @Test
    void buildIndexesEveryItemWithItsGenerationAndDimension() {
        assertEquals(CATALOG_SIZE, index.size());
        assertEquals(GENERATION, index.generation());
        assertEquals(HashedNgramEmbedder.DEFAULT_DIMENSION, index.dimension());
        CatalogItem first = items.get(0);
        assertEquals(first, index.item(first.itemId()).orElseThrow());
        assertTrue(index.item("p-999999").isEmpty());
        assertNull(index.contentVector("p-999999"));
    }

    @Test
    void storedVectorIsTheEmbeddingOfTheItemText() {
        CatalogItem item = items.get(17);
        float[] expected = index.embedder().embed(HashedNgramEmbedder.itemText(item));
        float[] stored = index.contentVector(item.itemId());
        assertEquals(1.0, VectorMath.dot(expected, stored), 1e-5);
    }

    @Test
    void knnFindsTheItemItselfAsTopHitForItsOwnVector() {
        Random random = new Random(1);
        int misses = 0;
        for (int i = 0; i < 100; i++) {
            CatalogItem item = items.get(random.nextInt(items.size()));
            List<Hit> hits = index.knn(index.contentVector(item.itemId()), 5, ItemFilter.NONE);
            assertEquals(5, hits.size());
            // Sample titles can repeat within a category, so an identical twin may tie with the item.
            if (!hits.get(0).itemId().equals(item.itemId()) && hits.get(0).score() < 0.9999f) {
                misses++;
            }
            assertTrue(hits.stream().anyMatch(hit -> hit.itemId().equals(item.itemId())), item.itemId());
        }
        assertEquals(0, misses);
    }

    @Test
    void knnScoresAreLuceneDotProductScoresInDescendingOrder() {
        CatalogItem item = items.get(5);
        float[] query = index.contentVector(item.itemId());
        List<Hit> hits = index.knn(query, 10, ItemFilter.NONE);
        for (int i = 0; i < hits.size(); i++) {
            float[] vector = index.contentVector(hits.get(i).itemId());
            float expected = (float) ((1 + VectorMath.dot(query, vector)) / 2);
            assertEquals(expected, hits.get(i).score(), 1e-4f);
            if (i > 0) {
                assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
            }
        }
    }

    @Test
    void filteredKnnReturnsOnlyItemsInTheCategoryAndStillKResults() {
        // Query with a coffee item's vector but ask for headphones: a post-filter over the nearest items
        // would find no headphones at all; a filter inside the search returns k of them.
        CatalogItem coffee = items.stream()
                .filter(item -> item.category().equals("grocery>pantry>coffee"))
                .findFirst()
                .orElseThrow();
        ItemFilter headphones = ItemFilter.NONE.withCategory("electronics>audio>headphones");
        List<Hit> hits = index.knn(index.contentVector(coffee.itemId()), 20, headphones);
        assertEquals(20, hits.size());
        hits.forEach(
                hit -> assertEquals("electronics>audio>headphones", hit.item().category()));

        List<Hit> electronics =
                index.knn(index.contentVector(coffee.itemId()), 20, ItemFilter.NONE.withCategory("electronics"));
        assertEquals(20, electronics.size());
        electronics.forEach(hit -> assertEquals("electronics", hit.item().topCategory()));
    }

    @Test
    void filteredKnnRespectsPriceRangeAndStock() {
        CatalogItem item = items.get(100);
        ItemFilter filter = ItemFilter.NONE.withPriceRange(20.0, 40.0).inStock();
        long matching = items.stream().filter(filter::matches).count();
        assertTrue(matching > 30, "fixture needs enough matches, has " + matching);
        List<Hit> hits = index.knn(index.contentVector(item.itemId()), 30, filter);
        assertEquals(30, hits.size());
        for (Hit hit : hits) {
            assertTrue(hit.item().price() >= 20 && hit.item().price() <= 40, hit.toString());
            assertTrue(hit.item().inStock(), hit.toString());
        }
    }

    @Test
    void filteredKnnWithASelectiveFilterReturnsExactlyTheMatchingItems() {
        // Few items match (one leaf, out of stock, narrow price band), far fewer than the graph would
        // visit: every one of them comes back, nothing else.
        ItemFilter filter = new ItemFilter("home>kitchen>knives", 30.0, 60.0, false, Set.of());
        Set<String> outOfStock = items.stream()
                .filter(filter::matches)
                .filter(item -> !item.inStock())
                .map(CatalogItem::itemId)
                .collect(Collectors.toSet());
        Set<String> matching =
                items.stream().filter(filter::matches).map(CatalogItem::itemId).collect(Collectors.toSet());
        assertTrue(matching.size() >= 5 && matching.size() < 100, "fixture: " + matching.size() + " matches");
        float[] query = index.contentVector(items.get(0).itemId());
        Set<String> found =
                index.knn(query, 200, filter).stream().map(Hit::itemId).collect(Collectors.toSet());
        assertEquals(matching, found);
        Set<String> inStockFound = index.knn(query, 200, filter.inStock()).stream()
                .map(Hit::itemId)
                .collect(Collectors.toSet());
        Set<String> expectedInStock = new HashSet<>(matching);
        expectedInStock.removeAll(outOfStock);
        assertEquals(expectedInStock, inStockFound);
    }

    @Test
    void knnLeavesOutExcludedItems() {
        CatalogItem item = items.get(7);
        float[] query = index.contentVector(item.itemId());
        List<Hit> before = index.knn(query, 10, ItemFilter.NONE);
        Set<String> excluded = before.stream().limit(3).map(Hit::itemId).collect(Collectors.toSet());
        List<Hit> after = index.knn(query, 10, ItemFilter.NONE.withExclusions(excluded));
        assertEquals(10, after.size());
        after.forEach(hit -> assertFalse(excluded.contains(hit.itemId()), hit.itemId()));
    }

    @Test
    void knnRecallAtTenAgainstExactSearchIsAtLeastNinetyPercent() {
        // Exact top-10 by dot product over every stored vector vs the HNSW answer, for 200 queries made
        // from item titles alone (so the query is never exactly an indexed vector).
        Map<String, float[]> vectors = new HashMap<>();
        index.forEach((item, vector) -> vectors.put(item.itemId(), vector));
        assertEquals(CATALOG_SIZE, vectors.size());
        List<String> ids = List.copyOf(vectors.keySet());
        Random random = new Random(99);
        int k = 10;
        int found = 0;
        int queries = 200;
        for (int q = 0; q < queries; q++) {
            CatalogItem item = items.get(random.nextInt(items.size()));
            float[] query = index.embedder().embed(item.title());
            double[] scores = new double[ids.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = VectorMath.dot(query, vectors.get(ids.get(i)));
            }
            double[] sorted = scores.clone();
            Arrays.sort(sorted);
            double kth = sorted[sorted.length - k];
            Set<String> approximate = index.knn(query, k, ItemFilter.NONE).stream()
                    .map(Hit::itemId)
                    .collect(Collectors.toSet());
            // An approximate hit counts when it scores at least the k-th exact score (ann-benchmarks'
            // rule), so a tie at the k-th place is not a miss whichever of the tied items is returned.
            for (String id : approximate) {
                if (VectorMath.dot(query, vectors.get(id)) >= kth - 1e-6) {
                    found++;
                }
            }
        }
        double recall = found / (double) (queries * k);
        assertTrue(recall >= 0.9, String.format(Locale.ROOT, "recall@10 = %.3f", recall));
    }

    @Test
    void knnRejectsBadVectorsAndK() {
        float[] good = index.contentVector(items.get(0).itemId());
        assertThrows(IllegalArgumentException.class, () -> index.knn(new float[3], 5, ItemFilter.NONE));
        assertThrows(IllegalArgumentException.class, () -> index.knn(good, 0, ItemFilter.NONE));
        assertThrows(IllegalArgumentException.class, () -> index.knn(good, CatalogIndex.MAX_K + 1, ItemFilter.NONE));
        float[] nan = good.clone();
        nan[0] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> index.knn(nan, 5, ItemFilter.NONE));
        assertTrue(index.knn(new float[index.dimension()], 5, ItemFilter.NONE).isEmpty());
    }

    @Test
    void searchRanksItemsWithTheWordsInTheirTitleFirst() {
        // Every headphones-category item mentions headphones in its category, but only some in the title;
        // the title boost puts all of those first.
        long titleMatches = items.stream()
                .filter(item -> item.title().contains("Headphones"))
                .count();
        long categoryOnly = items.stream()
                .filter(item ->
                        item.category().endsWith("headphones") && !item.title().contains("Headphones"))
                .count();
        assertTrue(titleMatches > 50 && categoryOnly > 50, titleMatches + " / " + categoryOnly);
        List<Hit> hits = index.search("headphones", 50, ItemFilter.NONE);
        assertEquals(50, hits.size());
        hits.forEach(hit ->
                assertTrue(hit.item().title().contains("Headphones"), hit.item().title()));

        List<Hit> both = index.search("noise-cancelling headphones", 10, ItemFilter.NONE);
        String top = both.get(0).item().title().toLowerCase(Locale.ROOT);
        assertTrue(top.contains("noise-cancelling") && top.contains("headphones"), top);
    }

    @Test
    void searchTreatsQuerySyntaxAsPlainText() {
        for (String text : List.of(
                "\"foo AND (bar\" -baz*",
                "headphones AND (wireless",
                "title:coffee OR brand:*",
                "[1 TO 5] {x} ~2 ^3 \\ / ! && ||",
                "?*")) {
            index.search(text, 5, ItemFilter.NONE); // must not throw
        }
        List<Hit> hits = index.search("headphones AND (wireless", 5, ItemFilter.NONE);
        assertEquals(5, hits.size());
        hits.forEach(hit -> assertTrue(
                hit.item().title().contains("Headphones") || hit.item().title().contains("Wireless")));
    }

    @Test
    void searchWithOnlyStopWordsOrPunctuationReturnsNothing() {
        for (String text : List.of("", "   ", "the and of", "to be or not to be", "!!! ??? ...")) {
            assertTrue(index.search(text, 10, ItemFilter.NONE).isEmpty(), "'" + text + "'");
        }
    }

    @Test
    void searchMatchesStemsAndFoldedAccents() {
        List<Hit> hits = index.search("RUNNING shoe", 5, ItemFilter.NONE);
        assertEquals(5, hits.size());
        hits.forEach(hit ->
                assertTrue(hit.item().title().contains("Running"), hit.item().title()));
        List<Hit> boardGames = index.search("board game", 5, ItemFilter.NONE.withCategory("toys"));
        boardGames.forEach(
                hit -> assertEquals("toys>games>board-games", hit.item().category()));
    }

    @Test
    void searchAppliesTheFilter() {
        List<Hit> hits = index.search(
                "headphones", 25, ItemFilter.NONE.withPriceRange(null, 50.0).inStock());
        assertEquals(25, hits.size());
        for (Hit hit : hits) {
            assertTrue(hit.item().price() <= 50.0 && hit.item().inStock(), hit.toString());
        }
    }

    @Test
    void newestReturnsMostRecentlyCreatedItemsFirst() {
        List<Hit> hits = index.newest(20, ItemFilter.NONE.withCategory("beauty"));
        List<CatalogItem> expected = items.stream()
                .filter(item -> item.topCategory().equals("beauty"))
                .sorted(Comparator.comparing(CatalogItem::createdAt).reversed().thenComparing(CatalogItem::itemId))
                .limit(20)
                .toList();
        assertEquals(expected, hits.stream().map(Hit::item).toList());
        assertEquals(1f, hits.get(0).score());
        assertEquals(0.5f, hits.get(1).score());
    }

    @Test
    void diverseTakesOneNewItemPerTopCategoryPerRound() {
        List<Hit> hits = index.diverse(24, ItemFilter.NONE.inStock(), 5);
        assertEquals(24, hits.size());
        List<String> firstRound =
                hits.subList(0, 8).stream().map(hit -> hit.item().topCategory()).toList();
        assertEquals(8, new LinkedHashSet<>(firstRound).size(), firstRound.toString());
        assertEquals(
                firstRound,
                hits.subList(8, 16).stream()
                        .map(hit -> hit.item().topCategory())
                        .toList());
        // Within a category, newest first.
        for (int i = 0; i < 8; i++) {
            assertTrue(!hits.get(i)
                    .item()
                    .createdAt()
                    .isBefore(hits.get(i + 8).item().createdAt()));
        }
        hits.forEach(hit -> assertTrue(hit.item().inStock()));
    }

    @Test
    void diverseIsDeterministicPerSeed() {
        List<String> once = ids(index.diverse(16, ItemFilter.NONE, 5));
        List<String> again = ids(index.diverse(16, ItemFilter.NONE, 5));
        assertEquals(once, again);
        List<String> otherSeeds = new ArrayList<>();
        for (long seed = 6; seed < 10; seed++) {
            otherSeeds.add(ids(index.diverse(16, ItemFilter.NONE, seed)).toString());
        }
        assertTrue(otherSeeds.stream().anyMatch(other -> !other.equals(once.toString())));
        // Same items per category regardless of seed: only the category order changes.
        assertEquals(new HashSet<>(once), new HashSet<>(ids(index.diverse(16, ItemFilter.NONE, 6))));
    }

    @Test
    void diverseWithARestrictiveFilterReturnsWhatMatches() {
        List<Hit> hits = index.diverse(
                50, ItemFilter.NONE.withCategory("books>fiction>fantasy").withPriceRange(30.0, 40.0), 1);
        long expected = items.stream()
                .filter(item ->
                        item.category().equals("books>fiction>fantasy") && item.price() >= 30 && item.price() <= 40)
                .count();
        assertEquals(Math.min(50, expected), hits.size());
    }

    @Test
    void forEachVisitsEveryItemWithItsVector() {
        Set<String> seen = new HashSet<>();
        index.forEach((item, vector) -> {
            assertTrue(seen.add(item.itemId()));
            assertEquals(index.dimension(), vector.length);
            assertEquals(1.0, VectorMath.norm(vector), 1e-4);
        });
        assertEquals(byId.keySet(), seen);
    }

    @Test
    void filterOnUnknownCategoryMatchesNothing() {
        float[] query = index.contentVector(items.get(0).itemId());
        assertTrue(index.knn(query, 5, ItemFilter.NONE.withCategory("electronics>audiobooks"))
                .isEmpty());
        assertTrue(index.newest(5, ItemFilter.NONE.withCategory("home>kitchenware"))
                .isEmpty());
        assertFalse(index.newest(5, ItemFilter.NONE.withCategory(" Home > Kitchen "))
                .isEmpty());
    }

    private static List<String> ids(List<Hit> hits) {
        return hits.stream().map(Hit::itemId).toList();
    }

    @Test
    void twoSearchesForTheSameTextGiveTheSameOrder() {
        assertEquals(
                ids(index.search("organic cotton bedding", 20, ItemFilter.NONE)),
                ids(index.search("organic cotton bedding", 20, ItemFilter.NONE)));
        assertNotEquals(
                ids(index.search("organic cotton bedding", 20, ItemFilter.NONE)),
                ids(index.search("dark roast coffee", 20, ItemFilter.NONE)));
    }
}
