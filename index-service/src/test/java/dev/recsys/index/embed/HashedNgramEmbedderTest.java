package dev.recsys.index.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.vector.VectorMath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashedNgramEmbedderTest {
    private static List<CatalogItem> catalog;
    private static HashedNgramEmbedder fitted;

    @BeforeAll
    static void fitOnSampleCatalog() {
        catalog = SampleCatalog.generate(3000, 7);
        fitted = HashedNgramEmbedder.fitCatalog(catalog, HashedNgramEmbedder.DEFAULT_DIMENSION);
    }

    private static double cosine(TextEmbedder embedder, String a, String b) {
        return VectorMath.dot(embedder.embed(a), embedder.embed(b));
    }

    @Test
    void itemsOfTheSameCategoryAreCloserThanItemsOfOtherCategories() {
        // Mean cosine between random pairs from the same leaf category vs pairs from different top
        // categories, over 2,000 seeded pairs each.
        Map<String, List<CatalogItem>> byLeaf = catalog.stream().collect(Collectors.groupingBy(CatalogItem::category));
        List<String> leaves = byLeaf.keySet().stream().sorted().toList();
        Random random = new Random(11);
        double same = 0;
        double other = 0;
        int pairs = 2000;
        for (int i = 0; i < pairs; i++) {
            List<CatalogItem> leaf = byLeaf.get(leaves.get(random.nextInt(leaves.size())));
            same += VectorMath.dot(
                    vector(leaf.get(random.nextInt(leaf.size()))), vector(leaf.get(random.nextInt(leaf.size()))));
            CatalogItem a = catalog.get(random.nextInt(catalog.size()));
            CatalogItem b;
            do {
                b = catalog.get(random.nextInt(catalog.size()));
            } while (a.topCategory().equals(b.topCategory()));
            other += VectorMath.dot(vector(a), vector(b));
        }
        same /= pairs;
        other /= pairs;
        assertTrue(same > 0.3, "same-category mean cosine " + same);
        assertTrue(other < 0.1, "cross-category mean cosine " + other);
        assertTrue(same > 3 * other, "same " + same + " vs other " + other);
    }

    private static float[] vector(CatalogItem item) {
        return fitted.embed(HashedNgramEmbedder.itemText(item));
    }

    @Test
    void textsSharingWordsAreCloserThanUnrelatedTexts() {
        String query = "wireless noise cancelling headphones";
        double related = cosine(fitted, query, "Aurora Noise-Cancelling Over-Ear Headphones, 40h Battery, Black");
        double unrelated = cosine(fitted, query, "Highland Roast Dark Roast Whole Bean Coffee, 1 kg");
        assertTrue(related > 0.3, "related " + related);
        assertTrue(related > unrelated + 0.25, "related " + related + " unrelated " + unrelated);
    }

    @Test
    void pluralsAndSingularsShareCharacterNgrams() {
        HashedNgramEmbedder plain = HashedNgramEmbedder.untrained(256);
        double plural = cosine(plain, "headphone", "headphones");
        double other = cosine(plain, "headphone", "saucepan");
        assertTrue(plural > 0.6, "headphone/headphones " + plural);
        assertTrue(Math.abs(other) < 0.2, "headphone/saucepan " + other);
    }

    @Test
    void commonWordsWeighLessAfterFitting() {
        // "black" is in every document of the corpus, "headphones" and "coffee" in a third each, so after
        // fitting "black headphones" is nearer to "white headphones" than to "black coffee".
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            corpus.add(
                    switch (i % 3) {
                        case 0 -> "black headphones model " + i;
                        case 1 -> "black coffee blend " + i;
                        default -> "black lamp shade " + i;
                    });
        }
        HashedNgramEmbedder embedder = HashedNgramEmbedder.fit(corpus, 512);
        assertEquals(30, embedder.documentCount());
        assertTrue(embedder.vocabularySize() > 0);
        double sameProduct = cosine(embedder, "black headphones", "white headphones");
        double sameColour = cosine(embedder, "black headphones", "black coffee");
        assertTrue(sameProduct > sameColour, "same product " + sameProduct + " vs same colour " + sameColour);
    }

    @Test
    void vectorsAreUnitLength() {
        for (CatalogItem item : catalog.subList(0, 200)) {
            assertEquals(1.0, VectorMath.norm(vector(item)), 1e-5, item.itemId());
        }
        assertEquals(1.0, VectorMath.norm(HashedNgramEmbedder.untrained(3).embed("one word")), 1e-5);
    }

    @Test
    void textWithoutFeaturesGivesTheZeroVector() {
        for (String text : List.of("", "   ", "!!! ... ---", "the and of a to", "x")) {
            float[] vector = fitted.embed(text);
            assertEquals(HashedNgramEmbedder.DEFAULT_DIMENSION, vector.length);
            assertTrue(VectorMath.isZero(vector), "'" + text + "' gave " + Arrays.toString(vector));
        }
    }

    @Test
    void caseAndAccentsDoNotMatter() {
        assertArrayEquals(fitted.embed("Crème Brûlée Café"), fitted.embed("creme brulee CAFE"));
    }

    @Test
    void embeddingIsDeterministicAcrossInstancesAndFits() {
        HashedNgramEmbedder again = HashedNgramEmbedder.fitCatalog(catalog, HashedNgramEmbedder.DEFAULT_DIMENSION);
        assertEquals(fitted, again);
        for (CatalogItem item : catalog.subList(0, 50)) {
            String text = HashedNgramEmbedder.itemText(item);
            assertArrayEquals(fitted.embed(text), again.embed(text));
            assertArrayEquals(fitted.embed(text), fitted.embed(text));
        }
    }

    @Test
    void vectorFormatIsStable() {
        // Pinned output of the untrained embedder: the hash, seed and weights are part of the vector
        // format that published vectors and shopper profiles depend on. If this fails, the change needs a
        // new catalog generation, not just a new expected value.
        float[] vector = HashedNgramEmbedder.untrained(8).embed("Wireless Headphones");
        assertArrayEquals(
                new float[] {
                    0.13297267f, 0.0f, -0.4432422f, 0.2216211f, 0.6648633f, 0.2216211f, -0.2216211f, -0.4432422f
                },
                vector,
                1e-6f,
                Arrays.toString(vector));
    }

    @Test
    void concurrentEmbeddingGivesTheSameVectors() throws Exception {
        List<String> texts = catalog.subList(0, 400).stream()
                .map(HashedNgramEmbedder::itemText)
                .toList();
        List<float[]> expected = texts.stream().map(fitted::embed).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4, runnable -> new Thread(runnable, "embed-test"));
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < texts.size(); i++) {
                        if (!Arrays.equals(expected.get(i), fitted.embed(texts.get(i)))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writeThenReadGivesAnEqualEmbedder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("embedder.bin");
        fitted.write(file);
        HashedNgramEmbedder read = HashedNgramEmbedder.read(file);
        assertEquals(fitted, read);
        String text = HashedNgramEmbedder.itemText(catalog.get(0));
        assertArrayEquals(fitted.embed(text), read.embed(text));
    }

    @Test
    void itemTextCountsTheTitleTwiceAndHasEveryField() {
        CatalogItem item = catalog.get(0);
        String text = HashedNgramEmbedder.itemText(item);
        assertEquals(text.indexOf(item.title()) + item.title().length() + 3, text.lastIndexOf(item.title()));
        assertTrue(text.contains(item.brand()));
        for (String level : item.category().split(">")) {
            assertTrue(text.contains(level), level);
        }
        for (String tag : item.tags()) {
            assertTrue(text.contains(tag), tag);
        }
        assertTrue(text.contains(item.description()));
    }

    @Test
    void fittedAndUntrainedEmbeddersDiffer() {
        String text = "Aurora Noise-Cancelling Over-Ear Headphones";
        assertNotEquals(
                Arrays.toString(fitted.embed(text)),
                Arrays.toString(HashedNgramEmbedder.untrained(HashedNgramEmbedder.DEFAULT_DIMENSION)
                        .embed(text)));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> HashedNgramEmbedder.untrained(0));
        assertThrows(IllegalArgumentException.class, () -> HashedNgramEmbedder.untrained(-3));
        assertThrows(
                IllegalArgumentException.class,
                () -> HashedNgramEmbedder.untrained(HashedNgramEmbedder.MAX_DIMENSION + 1));
        assertThrows(IllegalArgumentException.class, () -> HashedNgramEmbedder.fit(List.of("a b"), 0));
        assertThrows(
                IllegalArgumentException.class, () -> HashedNgramEmbedder.fit(Arrays.asList("fine text", null), 16));
        assertThrows(NullPointerException.class, () -> HashedNgramEmbedder.fit(null, 16));
        assertThrows(NullPointerException.class, () -> fitted.embed(null));
        assertThrows(NullPointerException.class, () -> HashedNgramEmbedder.itemText(null));
    }

    @Test
    void emptyCorpusGivesAnUntrainedEmbedder() {
        HashedNgramEmbedder empty = HashedNgramEmbedder.fit(List.of(), 32);
        assertEquals(HashedNgramEmbedder.untrained(32), empty);
    }
}
