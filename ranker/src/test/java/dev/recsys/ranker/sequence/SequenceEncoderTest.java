package dev.recsys.ranker.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SequenceEncoderTest {
    private static final int DIMENSION = 8;
    private static final int ITEMS = 12;
    private static final int MAX_LENGTH = 4;

    /** Seeded random weights: the encoder's properties hold for any weights. */
    static SequenceWeights weights(long seed) {
        return RandomWeights.of(seed, ITEMS, MAX_LENGTH, DIMENSION, 2, 2, 0.3);
    }

    private final SequenceEncoder encoder = new SequenceEncoder(weights(1));

    @Test
    void onlyTheNewestMaxLengthItemsCount() {
        assertArrayEquals(encoder.embed(new int[] {3, 4, 5, 6}), encoder.embed(new int[] {9, 1, 3, 4, 5, 6}));
        assertFalse(Arrays.equals(encoder.embed(new int[] {3, 4, 5, 6}), encoder.embed(new int[] {4, 5, 6})));
    }

    @Test
    void orderMatters() {
        assertFalse(Arrays.equals(encoder.embed(new int[] {1, 2, 3}), encoder.embed(new int[] {3, 2, 1})));
    }

    @Test
    void theEmbeddingIsFiniteAndDeterministic() {
        float[] once = encoder.embed(new int[] {7, 8});
        assertEquals(DIMENSION, once.length);
        for (float value : once) {
            assertEquals(true, Float.isFinite(value));
        }
        assertArrayEquals(once, new SequenceEncoder(weights(1)).embed(new int[] {7, 8}));
    }

    @Test
    void badHistoriesAndWeightsAreRefused() {
        assertEquals(
                "history is empty",
                assertThrows(IllegalArgumentException.class, () -> encoder.embed(new int[0]))
                        .getMessage());
        assertEquals(
                "item id 13 outside 1 … 12",
                assertThrows(IllegalArgumentException.class, () -> encoder.embed(new int[] {1, 13}))
                        .getMessage());
        assertEquals(
                "item id 0 outside 1 … 12",
                assertThrows(IllegalArgumentException.class, () -> encoder.embed(new int[] {0}))
                        .getMessage());
        SequenceWeights good = weights(2);
        assertEquals(
                "heads (3) must divide dimension (8)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new SequenceWeights(
                                        3, 1e-5f, good.items(), good.positions(), good.blocks(), good.finalNorm()))
                        .getMessage());
    }
}
