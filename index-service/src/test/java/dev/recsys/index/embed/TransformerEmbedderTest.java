package dev.recsys.index.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * all-MiniLM-L6-v2 through ONNX Runtime: semantic sanity on real product titles (Instacart's, and two
 * typical store titles), determinism, batches, truncation and texts with nothing to embed. A handful of
 * short texts, so the class runs in a few seconds.
 */
class TransformerEmbedderTest {
    private static final int DIMENSION = 384;

    private static TransformerEmbedder embedder;

    @BeforeAll
    static void open() throws IOException {
        embedder = TransformerEmbedder.open(TransformerModel.ALL_MINILM_L6_V2_Q, 2);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    private static double cosine(String a, String b) {
        return dot(embedder.embed(a), embedder.embed(b));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static void assertUnit(float[] vector) {
        assertEquals(DIMENSION, vector.length);
        for (float v : vector) {
            assertTrue(Float.isFinite(v), "finite");
        }
        assertEquals(1.0, dot(vector, vector), 1e-5);
    }

    @Test
    void is384DimensionalAndUnitLength() {
        assertEquals(DIMENSION, embedder.dimension());
        assertUnit(embedder.embed("Bag of Organic Bananas"));
        assertUnit(embedder.embed("a"));
    }

    @Test
    void aRunningShoeQueryIsCloserToTrailSneakersThanToASkillet() {
        double sneakers = cosine("running shoes", "Men's Trail Running Sneakers, Lightweight Breathable Mesh");
        double skillet = cosine("running shoes", "Lodge Cast Iron Skillet, 12 Inch, Pre-Seasoned");
        assertTrue(sneakers > skillet + 0.3, "sneakers " + sneakers + " vs skillet " + skillet);
    }

    @Test
    void queriesWithoutSharedWordsFindTheirInstacartProduct() {
        // Instacart product names; each query shares no word with the product it should find.
        List<String> titles = List.of(
                "Bag of Organic Bananas",
                "Overnight Diapers Size 6",
                "Real Chicken & Veggies Recipe Dog Food",
                "Laundry Detergent",
                "Extra Whitening Multi-Benefit Fluoride Toothpaste",
                "Chocolate Sandwich Cookies",
                "Extra Virgin Olive Oil",
                "Paper Towels");
        Map<String, String> expected = Map.of(
                "fresh fruit", "Bag of Organic Bananas",
                "nappies for babies", "Overnight Diapers Size 6",
                "kibble for my puppy", "Real Chicken & Veggies Recipe Dog Food",
                "soap for washing clothes", "Laundry Detergent",
                "something to brush teeth", "Extra Whitening Multi-Benefit Fluoride Toothpaste");
        float[][] vectors = embedder.embedAll(titles);
        List<String> misses = new ArrayList<>();
        expected.forEach((query, title) -> {
            float[] q = embedder.embed(query);
            int best = 0;
            for (int i = 1; i < titles.size(); i++) {
                if (dot(q, vectors[i]) > dot(q, vectors[best])) {
                    best = i;
                }
            }
            if (!titles.get(best).equals(title)) {
                misses.add(query + " -> " + titles.get(best));
            }
        });
        assertEquals(List.of(), misses);
    }

    @Test
    void theSameTextAlwaysGivesTheSameVector() throws IOException {
        String text = "Sparkling Water Grapefruit. beverages > water seltzer sparkling water";
        float[] first = embedder.embed(text);
        assertArrayEquals(first, embedder.embed(text));
        try (TransformerEmbedder other = TransformerEmbedder.open(TransformerModel.ALL_MINILM_L6_V2_Q, 1)) {
            assertArrayEquals(first, other.embed(text), "another session");
        }
    }

    @Test
    void aBatchEqualsOneByOne() {
        List<String> texts = List.of(
                "Chocolate Sandwich Cookies",
                "All-Seasons Salt",
                "Robust Golden Unsweetened Oolong Tea",
                "Smart Ones Classic Favorites Mini Rigatoni With Vodka Cream Sauce",
                "",
                "Green Chile Anytime Sauce",
                "Dry Nose Oil",
                "???",
                "Pure Coconut Water With Orange",
                "Cut Russet Potatoes Steam N' Mash",
                "Light Strawberry Blueberry Yogurt",
                "Sparkling Orange Juice & Prickly Pear Beverage",
                "Peach Mango Juice");
        float[][] batch = embedder.embedAll(texts);
        assertEquals(texts.size(), batch.length);
        for (int i = 0; i < texts.size(); i++) {
            float[] single = embedder.embed(texts.get(i));
            for (int d = 0; d < DIMENSION; d++) {
                assertEquals(single[d], batch[i][d], 1e-5f, texts.get(i));
            }
        }
        assertEquals(0, embedder.embedAll(List.of()).length);
    }

    @Test
    void aVeryLongDescriptionIsCutAtTheModelsTokenLimit() {
        // Every word of the sentence is one word piece, so the first 254 words are the first 254 pieces.
        String sentence = "this light trail shoe has a firm sole and a soft upper for long runs";
        String[] words = sentence.split(" ");
        assertEquals(words.length, embedder.tokenIds(sentence).length - 2);
        StringBuilder longText = new StringBuilder();
        List<String> firstWords = new ArrayList<>();
        for (int i = 0; longText.length() < 200_000; i++) {
            longText.append(words[i % words.length]).append(' ');
            if (firstWords.size() < 254) {
                firstWords.add(words[i % words.length]);
            }
        }
        long[] ids = embedder.tokenIds(longText.toString());
        assertEquals(256, ids.length);
        assertEquals(102, ids[255]);
        String prefix = String.join(" ", firstWords);
        assertArrayEquals(embedder.tokenIds(prefix), ids);
        float[] cut = embedder.embed(longText.toString());
        assertUnit(cut);
        assertArrayEquals(embedder.embed(prefix), cut, 1e-6f);
    }

    @Test
    void textWithNothingToEmbedGivesTheZeroVector() {
        for (String text : List.of("", "   ", "\n\t", "!!!", "... --- ???", "—", "€ %")) {
            float[] vector = embedder.embed(text);
            assertArrayEquals(new float[DIMENSION], vector, "'" + text + "'");
        }
        assertUnit(embedder.embed("the"));
        assertUnit(embedder.embed("7"));
        assertUnit(embedder.embed("中"));
    }

    @Test
    void itemTextPutsTheDescriptionLast() {
        CatalogItem item = new CatalogItem(
                "sku-1",
                "Trail Runner 2",
                "A light shoe for long runs.",
                "sports>footwear> running",
                "Acme",
                List.of("trail", " ", "running"),
                "seller-1",
                "small",
                89.0,
                true,
                Instant.EPOCH,
                Map.of());
        assertEquals(
                "Trail Runner 2. Acme. sports > footwear > running. trail, running. A light shoe for long runs.",
                TransformerEmbedder.itemText(item));
        CatalogItem bare = new CatalogItem(
                "sku-2", "!!", "", "", "", List.of(), "seller-1", "small", 1.0, true, Instant.EPOCH, Map.of());
        assertEquals("!!", TransformerEmbedder.itemText(bare));
        assertArrayEquals(new float[DIMENSION], embedder.embed(TransformerEmbedder.itemText(bare)));
    }

    @Test
    void meanAndClsPooling() {
        FloatBuffer states = FloatBuffer.wrap(new float[] {3, 0, 1, 4, -1, 0});
        float[] mean = TransformerEmbedder.pool(states, 3, 2, TransformerModel.Pooling.MEAN);
        assertArrayEquals(new float[] {0.6f, 0.8f}, mean, 1e-6f); // mean (1, 4/3) normalised
        float[] cls = TransformerEmbedder.pool(states.rewind(), 3, 2, TransformerModel.Pooling.CLS);
        assertArrayEquals(new float[] {1f, 0f}, cls, 1e-6f);
        assertThrows(
                IllegalStateException.class,
                () -> TransformerEmbedder.pool(
                        FloatBuffer.wrap(new float[] {Float.NaN, 0}), 1, 2, TransformerModel.Pooling.MEAN));
        assertThrows(
                IllegalStateException.class,
                () -> TransformerEmbedder.pool(
                        FloatBuffer.wrap(new float[] {0, 0}), 1, 2, TransformerModel.Pooling.MEAN));
    }

    @Test
    void aClosedEmbedderRefusesWork() throws IOException {
        TransformerEmbedder closed = TransformerEmbedder.open(TransformerModel.ALL_MINILM_L6_V2_Q, 2);
        closed.close();
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.embed("milk"));
        assertThrows(IllegalStateException.class, () -> closed.embedAll(List.of("milk", "eggs")));
    }

    @Test
    void nullTextsAreRefused() {
        assertThrows(NullPointerException.class, () -> embedder.embed(null));
        assertThrows(NullPointerException.class, () -> embedder.embedAll(Arrays.asList("milk", null)));
    }
}
