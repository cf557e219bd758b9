package dev.recsys.tools.sequence;

import dev.recsys.ranker.sequence.EarlyStopping;
import dev.recsys.ranker.sequence.SequenceFitter;
import dev.recsys.ranker.sequence.SequenceModelConfig;
import java.util.List;
import java.util.function.Consumer;

/** {@link SequenceFitter} with {@link SequenceTrainer}: DJL on PyTorch's CPU engine. */
public final class DjlSequenceFitter implements SequenceFitter {
    @Override
    public Fit fit(
            List<int[]> sequences,
            int itemCount,
            SequenceModelConfig config,
            EarlyStopping stopping,
            Consumer<String> progress) {
        long started = System.nanoTime();
        try (SequenceModel model = SequenceTrainer.train(sequences, itemCount, config, stopping, progress)) {
            double seconds = (System.nanoTime() - started) / 1e9;
            if (stopping == null) {
                return new Fit(model.weights(), config.epochs(), Double.NaN, seconds);
            }
            return new Fit(stopping.best(), stopping.bestEpoch(), stopping.bestScore(), seconds);
        }
    }
}
