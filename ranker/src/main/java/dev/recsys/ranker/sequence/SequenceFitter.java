package dev.recsys.ranker.sequence;

import java.util.List;
import java.util.function.Consumer;

/**
 * Trains a sequence model. The offline evaluation and {@code recsys train} call it; the tools module
 * implements it with DJL on PyTorch, so nothing here depends on a tensor library.
 */
@FunctionalInterface
public interface SequenceFitter {
    /**
     * @param sequences each shopper's items in order, oldest first, as ids 1 … {@code itemCount}
     * @param stopping checks the weights on validation as training goes and keeps the best, or {@code null}
     *     to train all {@link SequenceModelConfig#epochs}
     * @param progress one line per epoch
     * @return the weights: with {@code stopping}, the best it saw
     */
    Fit fit(
            List<int[]> sequences,
            int itemCount,
            SequenceModelConfig config,
            EarlyStopping stopping,
            Consumer<String> progress);

    /**
     * A trained model.
     *
     * @param epochs the epochs the returned weights were trained for
     * @param score their validation score, or NaN without early stopping
     * @param seconds the training time
     */
    record Fit(SequenceWeights weights, int epochs, double score, double seconds) {}
}
