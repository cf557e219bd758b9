package dev.recsys.ranker.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    /** Runs epochs 1 … max against validation scores by epoch; returns the epoch training stopped after. */
    private static int run(EarlyStopping stopping, double[] scoreByEpoch, int max, List<Integer> snapshots) {
        for (int epoch = 1; epoch <= max; epoch++) {
            int e = epoch;
            if (stopping.afterEpoch(epoch, epoch == max, () -> {
                snapshots.add(e);
                return SequenceEncoderTest.weights(e);
            })) {
                return epoch;
            }
        }
        return max;
    }

    @Test
    void keepsTheBestCheckedWeightsAndStopsAfterPatienceChecksWithoutGain() {
        double[] scores = {0, 0.1, 0.2, 0.3, 0.5, 0.4, 0.45, 0.3, 0.2, 0.1, 0.6};
        List<Integer> snapshots = new ArrayList<>();
        EarlyStopping stopping = new EarlyStopping((epoch, weights) -> scores[epoch], 2, 2, 0);

        int stoppedAfter = run(stopping, scores, 10, snapshots);

        assertEquals(List.of(2, 4, 6, 8), snapshots, "weights are taken only on a check");
        assertEquals(8, stoppedAfter, "epochs 6 and 8 did not beat epoch 4");
        assertEquals(4, stopping.bestEpoch());
        assertEquals(0.5, stopping.bestScore());
        assertEquals(
                SequenceEncoderTest.weights(4).items()[1][0], stopping.best().items()[1][0]);
    }

    @Test
    void neverStopsBeforeTheWarmUpAndChecksTheLastEpochWhateverTheInterval() {
        double[] scores = {0, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.95};
        List<Integer> snapshots = new ArrayList<>();
        EarlyStopping stopping = new EarlyStopping((epoch, weights) -> scores[epoch], 3, 1, 7);

        int stoppedAfter = run(stopping, scores, 7, snapshots);

        assertEquals(7, stoppedAfter, "epoch 6 did not beat epoch 3, but came before the warm-up ended");
        assertEquals(List.of(3, 6, 7), snapshots);
        assertEquals(7, stopping.bestEpoch(), "epoch 7 is the last and is checked though 7 % 3 != 0");
        assertEquals(0.95, stopping.bestScore());
    }

    @Test
    void beforeAnyCheckThereIsNothingBestAndBadSettingsAreRefused() {
        EarlyStopping stopping = new EarlyStopping((epoch, weights) -> 1, 5, 1, 0);
        assertFalse(stopping.afterEpoch(1, false, () -> {
            throw new AssertionError("no snapshot between checks");
        }));
        assertSame(null, stopping.best());
        assertEquals(0, stopping.bestEpoch());
        assertTrue(stopping.bestScore() < 0);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new EarlyStopping((epoch, w) -> 0, 0, 1, 0));
        assertTrue(e.getMessage().contains("every"), e.getMessage());
    }
}
