package dev.recsys.tools.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.sequence.SequenceEncoder;
import dev.recsys.ranker.sequence.SequenceModelConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SASRec-style model trained with DJL on a seeded data set with an obvious order (A, then B, then C),
 * against sampled negatives and against the whole catalog.
 */
class SequenceTrainerTest {
    private static final int ITEMS = 30;
    /** Slipped into half the sequences at random places: the most popular item, and never what comes next. */
    private static final int POPULAR = ITEMS;

    private static final SequenceModelConfig SMALL = new SequenceModelConfig(16, 1, 2, 10, 0.1f, 2, 30, 32, 0.01f, 7);

    /** Shoppers walking the catalog in order: s, s+1, s+2, … (wrapping before the popular item). */
    private static List<int[]> walks(int shoppers, long seed) {
        Random random = new Random(seed);
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < shoppers; s++) {
            int start = random.nextInt(ITEMS - 1);
            int length = 6 + random.nextInt(6);
            List<Integer> walk = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                walk.add(1 + (start + i) % (ITEMS - 1));
            }
            if (random.nextBoolean()) {
                walk.add(random.nextInt(walk.size() - 1), POPULAR);
            }
            out.add(walk.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    @ParameterizedTest(name = "negatives={0}")
    @ValueSource(ints = {2, ITEMS})
    void learnsWhatComesNextWhereMostPopularCannot(int negatives) {
        SequenceModelConfig config = SMALL.withNegatives(negatives);
        List<int[]> train = walks(400, 1);
        List<int[]> test = walks(200, 2);
        int[] counts = new int[ITEMS + 1];
        for (int[] walk : train) {
            for (int item : walk) {
                counts[item]++;
            }
        }
        int mostPopular = 1;
        for (int item = 1; item <= ITEMS; item++) {
            if (counts[item] > counts[mostPopular]) {
                mostPopular = item;
            }
        }
        assertEquals(POPULAR, mostPopular);

        int modelHits = 0;
        int popularHits = 0;
        List<String> progress = new ArrayList<>();
        try (SequenceModel model = SequenceTrainer.train(train, ITEMS, config, progress::add)) {
            for (int[] walk : test) {
                int next = walk[walk.length - 1];
                int[] history = Arrays.copyOf(walk, walk.length - 1);
                float[] scores = model.scores(history);
                assertEquals(ITEMS + 1, scores.length);
                if (argMax(scores) == next) {
                    modelHits++;
                }
                if (mostPopular == next) {
                    popularHits++;
                }
            }
        }
        assertEquals(SMALL.epochs(), progress.size());
        assertTrue(progress.get(0).startsWith("sequence model: epoch 1 of 30, loss "), progress.get(0));
        // The next item of a walk is one step on; the popular item is never last.
        assertEquals(0, popularHits);
        assertTrue(
                modelHits >= 0.8 * test.size(),
                modelHits + " of " + test.size() + " next items ranked first; " + progress);
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        List<int[]> train = walks(100, 3);
        SequenceModelConfig quick = SMALL.withEpochs(3);
        int[] history = {4, 5, 6};
        float[] first;
        try (SequenceModel model = SequenceTrainer.train(train, ITEMS, quick, line -> {})) {
            first = model.embedding(history);
            assertEquals(quick.dimension(), first.length);
        }
        try (SequenceModel again = SequenceTrainer.train(train, ITEMS, quick, line -> {})) {
            assertArrayEquals(first, again.embedding(history));
        }
        try (SequenceModel other = SequenceTrainer.train(train, ITEMS, quick.withSeed(8), line -> {})) {
            assertFalse(Arrays.equals(first, other.embedding(history)), "another seed, another model");
        }
    }

    @Test
    void thePlainJavaForwardPassGivesTheTrainedModelsEmbedding() {
        List<int[]> train = walks(100, 4);
        SequenceModelConfig twoBlocks = new SequenceModelConfig(16, 2, 2, 6, 0.1f, 1, 3, 32, 0.01f, 5);
        try (SequenceModel model = SequenceTrainer.train(train, ITEMS, twoBlocks, line -> {})) {
            SequenceEncoder encoder = new SequenceEncoder(model.weights());
            assertEquals(ITEMS, model.weights().itemCount());
            // Shorter than, as long as and longer than the model's 6 places.
            for (int[] history : List.of(new int[] {3}, new int[] {7, 8, 9}, new int[] {1, 2, 3, 4, 5, 6}, new int[] {
                9, 10, 11, 12, 13, 14, 15, 30, 16
            })) {
                float[] offline = model.embedding(history);
                float[] online = encoder.embed(history);
                assertEquals(offline.length, online.length);
                for (int d = 0; d < offline.length; d++) {
                    assertEquals(offline[d], online[d], 1e-4, "dimension " + d + " of " + Arrays.toString(history));
                }
            }
        }
    }

    @Test
    void badInputIsRefusedWithItsReason() {
        IllegalArgumentException outside = assertThrows(
                IllegalArgumentException.class,
                () -> SequenceTrainer.train(List.of(new int[] {1, ITEMS + 1}), ITEMS, SMALL, line -> {}));
        assertEquals("item id 31 outside 1 … 30", outside.getMessage());
        IllegalArgumentException tooShort = assertThrows(
                IllegalArgumentException.class,
                () -> SequenceTrainer.train(List.of(new int[] {1}, new int[] {2}), ITEMS, SMALL, line -> {}));
        assertEquals("no shopper has two items to learn from", tooShort.getMessage());
        IllegalArgumentException heads = assertThrows(
                IllegalArgumentException.class, () -> new SequenceModelConfig(16, 1, 3, 10, 0, 1, 1, 8, 0.01f, 1));
        assertEquals("heads (3) must divide dimension (16)", heads.getMessage());
    }

    private static int argMax(float[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }
}
