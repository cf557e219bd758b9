package dev.recsys.index.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The BGE models shipped beside all-MiniLM-L6-v2: each loads from its jar, has its published dimension,
 * [CLS] pooling gives unit vectors, and each understands its language: an English running-shoe query is
 * nearer trail sneakers than a skillet, and a Chinese query finds its Chinese product title among others.
 */
class ShippedModelsTest {

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    /** The index of the title nearest to the query. */
    private static int nearest(TransformerEmbedder embedder, String query, List<String> titles) {
        float[] q = embedder.embed(query);
        float[][] vectors = embedder.embedAll(titles);
        int best = 0;
        for (int i = 1; i < vectors.length; i++) {
            if (dot(q, vectors[i]) > dot(q, vectors[best])) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void everyShippedModelIsKnownByItsId() {
        assertEquals(List.of("all-minilm-l6-v2-q", "bge-small-en-v15-q", "bge-small-zh-v15-q"), TransformerModel.ids());
        assertEquals(
                TransformerModel.BGE_SMALL_ZH_V15_Q,
                EmbedderSpec.parse("transformer:bge-small-zh-v15-q").model());
    }

    @Test
    void bgeSmallEnglishUnderstandsProductTitles() throws IOException {
        try (TransformerEmbedder bge = TransformerEmbedder.open(TransformerModel.BGE_SMALL_EN_V15_Q, 2)) {
            assertEquals(384, bge.dimension());
            float[] shoes = bge.embed("running shoes");
            assertEquals(1.0, dot(shoes, shoes), 1e-5);
            assertTrue(
                    dot(shoes, bge.embed("Trail sneakers for men"))
                            > dot(shoes, bge.embed("Cast-iron skillet, 12 inch")) + 0.1,
                    "a running-shoe query is nearer trail sneakers than a skillet");
            assertEquals(
                    1,
                    nearest(
                            bge,
                            "diapers for my newborn",
                            List.of("Organic Whole Milk", "Baby Dry Diapers Size 1", "Dark Roast Coffee Beans")));
            List<String> batch = List.of("organic bananas", "", "almond milk");
            float[][] all = bge.embedAll(batch);
            assertArrayEquals(bge.embed("almond milk"), all[2]);
        }
    }

    @Test
    void bgeSmallChineseFindsAChineseTitleForAChineseQuery() throws IOException {
        try (TransformerEmbedder bge = TransformerEmbedder.open(TransformerModel.BGE_SMALL_ZH_V15_Q, 2)) {
            assertEquals(512, bge.dimension());
            List<String> titles = List.of(
                    "铸铁平底煎锅 28厘米", // cast-iron frying pan, 28 cm
                    "男士轻便透气越野跑步鞋", // men's light breathable trail running shoes
                    "有机全脂牛奶 1升", // organic whole milk, 1 litre
                    "无线降噪蓝牙耳机"); // wireless noise-cancelling Bluetooth headphones
            assertEquals(1, nearest(bge, "跑鞋", titles), "running shoes");
            assertEquals(3, nearest(bge, "蓝牙耳机", titles), "Bluetooth headphones");
            assertEquals(2, nearest(bge, "牛奶", titles), "milk");
            float[] pan = bge.embed("煎锅");
            assertEquals(1.0, dot(pan, pan), 1e-5);
        }
    }
}
