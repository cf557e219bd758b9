package dev.recsys.ranker.eval;

import dev.recsys.ranker.sequence.SequenceFilter;
import dev.recsys.ranker.sequence.SequenceFitter;
import dev.recsys.ranker.sequence.SequenceModelConfig;
import java.util.List;
import java.util.Objects;

/**
 * How the offline evaluation trains and chooses the sequence model.
 *
 * @param fitter the trainer
 * @param grid the settings tried on validation; each one's {@code epochs} is the most it may train for
 * @param filters the event filters tried with each setting
 * @param checkEvery epochs between two validation checks of early stopping
 * @param patience checks without a better score before a training stops
 * @param warmUp epochs before which a training never stops
 * @param weightGrid the sequence source's blend weights tried in the hybrid
 */
public record SequenceOptions(
        SequenceFitter fitter,
        List<SequenceModelConfig> grid,
        List<SequenceFilter> filters,
        int checkEvery,
        int patience,
        int warmUp,
        List<Double> weightGrid) {
    public SequenceOptions {
        Objects.requireNonNull(fitter, "fitter");
        grid = List.copyOf(grid);
        filters = List.copyOf(filters);
        weightGrid = List.copyOf(weightGrid);
        if (grid.isEmpty() || filters.isEmpty() || weightGrid.isEmpty()) {
            throw new IllegalArgumentException("the sequence model's grids must not be empty");
        }
        if (checkEvery < 1 || patience < 1) {
            throw new IllegalArgumentException("checkEvery and patience must be at least 1");
        }
    }

    /**
     * The grid of the published evaluation: SASRec's shape for sparse data (2 blocks of 64 dimensions, 1
     * head) reading the profile's 20 recent items, dropout 0.2 and 0.5, with either filter; Adam at 0.005
     * for at most 200 epochs, checked every 5, stopped after 6 checks without gain once past epoch 50.
     */
    public static SequenceOptions defaults(SequenceFitter fitter, long seed) {
        SequenceModelConfig base = new SequenceModelConfig(64, 2, 1, 20, 0.2f, 256, 200, 128, 0.005f, seed);
        return new SequenceOptions(
                fitter,
                List.of(base, base.withDropout(0.5f)),
                List.of(SequenceFilter.POSITIVE, SequenceFilter.EVERY_EVENT),
                5,
                6,
                50,
                List.of(0.0, 0.2, 0.4, 0.8, 1.6, 3.2));
    }
}
