package dev.recsys.tools.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainingSequencesTest {

    @Test
    void aLongHistoryIsCutIntoWindowsThatPredictEachOfItsItemsOnce() {
        // Windows of 3 inputs: 6 7 8 predict 7 8 9; the next window ends where those inputs begin.
        int[] history = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        TrainingSequences rows = new TrainingSequences(List.of(history, new int[] {4}), 9, 3);

        assertEquals(3, rows.size(), "windows ending at 9, 6 and 3; the one-item history teaches nothing");
        assertArrayEquals(new long[] {6, 7, 8}, rows.inputs(0));
        assertArrayEquals(new long[] {7, 8, 9}, rows.targets(0));
        assertArrayEquals(new long[] {3, 4, 5}, rows.inputs(1));
        assertArrayEquals(new long[] {4, 5, 6}, rows.targets(1));
        assertArrayEquals(new long[] {0, 1, 2}, rows.inputs(2));
        assertArrayEquals(new long[] {0, 2, 3}, rows.targets(2));
    }

    @Test
    void sharedNegativesAreDistinctCatalogItemsAndAtMostTheCatalog() {
        TrainingSequences rows = new TrainingSequences(List.of(new int[] {1, 2, 3}), 10, 4);
        long[] negatives = rows.sharedNegatives(6, new Random(3));
        assertEquals(6, negatives.length);
        assertEquals(6, java.util.Arrays.stream(negatives).distinct().count());
        for (long item : negatives) {
            assertEquals(true, item >= 1 && item <= 10, "item " + item);
        }
        assertEquals(10, rows.sharedNegatives(50, new Random(3)).length);
    }
}
