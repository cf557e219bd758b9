package dev.recsys.tools.sequence;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.recsys.ranker.sequence.EarlyStopping;
import dev.recsys.ranker.sequence.SequenceModelConfig;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains the sequence model with DJL on PyTorch's CPU engine: next-item prediction at every position of
 * each shopper's newest items, Adam, softmax cross-entropy against the whole catalog or, with fewer
 * {@link SequenceModelConfig#negatives} than items, against negatives sampled for each batch. Seeded: the
 * initial weights, dropout, the negatives and the order of the sequences all follow {@link SequenceModelConfig#seed}, so the same data
 * and settings give the same model on the same machine.
 */
public final class SequenceTrainer {
    /** The PyTorch engine's name in DJL. */
    static final String ENGINE = "PyTorch";

    private SequenceTrainer() {}

    /**
     * @param sequences each shopper's items in order, oldest first, as ids 1 … {@code itemCount}; shoppers
     *     with fewer than two items teach nothing and are skipped
     * @param progress one line per epoch (its mean loss)
     * @throws IllegalArgumentException if an id is outside 1 … {@code itemCount} or no sequence has two items
     */
    public static SequenceModel train(
            List<int[]> sequences, int itemCount, SequenceModelConfig config, Consumer<String> progress) {
        return train(sequences, itemCount, config, null, progress);
    }

    /**
     * As {@link #train(List, int, SequenceModelConfig, Consumer)}, stopping early when {@code stopping} says
     * so; the model returned is the last epoch's, {@link EarlyStopping#best} the best one checked.
     *
     * @param stopping the validation check, or {@code null} to train every epoch
     */
    public static SequenceModel train(
            List<int[]> sequences,
            int itemCount,
            SequenceModelConfig config,
            EarlyStopping stopping,
            Consumer<String> progress) {
        TrainingSequences rows = new TrainingSequences(sequences, itemCount, config.maxLength());
        if (rows.size() == 0) {
            throw new IllegalArgumentException("no shopper has two items to learn from");
        }
        Engine.getEngine(ENGINE).setRandomSeed((int) config.seed());
        Random random = new Random(config.seed());
        Model model = Model.newInstance("sequence", Device.cpu(), ENGINE);
        SasRecBlock block = new SasRecBlock(itemCount, config);
        model.setBlock(block);
        DefaultTrainingConfig training = new DefaultTrainingConfig(new NextItemLoss())
                .optOptimizer(Optimizer.adam()
                        .optLearningRateTracker(Tracker.fixed(config.learningRate()))
                        .build())
                .optDevices(new Device[] {Device.cpu()});
        int length = config.maxLength();
        int negatives = config.negatives();
        try (Trainer trainer = model.newTrainer(training)) {
            Shape batch = new Shape(config.batchSize(), length);
            if (negatives >= itemCount) {
                trainer.initialize(batch, batch);
            } else {
                trainer.initialize(batch, batch, new Shape(negatives));
            }
            int[] order = new int[rows.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                shuffle(order, random);
                double lossSum = 0;
                int steps = 0;
                for (int start = 0; start < order.length; start += config.batchSize()) {
                    int size = Math.min(config.batchSize(), order.length - start);
                    lossSum += step(trainer, rows, order, start, size, length, negatives, random);
                    steps++;
                }
                progress.accept(String.format(
                        Locale.ROOT,
                        "sequence model: epoch %d of %d, loss %.4f",
                        epoch,
                        config.epochs(),
                        lossSum / steps));
                if (stopping != null && stopping.afterEpoch(epoch, epoch == config.epochs(), block::weights)) {
                    progress.accept(String.format(
                            Locale.ROOT,
                            "sequence model: stopped after epoch %d, the best on validation was epoch %d (%.4f)",
                            epoch,
                            stopping.bestEpoch(),
                            stopping.bestScore()));
                    break;
                }
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return new SequenceModel(model, block, config, itemCount);
    }

    /** One training step on the rows {@code order[start … start + size)}; returns its loss. */
    private static float step(
            Trainer trainer,
            TrainingSequences rows,
            int[] order,
            int start,
            int size,
            int length,
            int negatives,
            Random random) {
        long[] inputs = new long[size * length];
        long[] targets = new long[size * length];
        float[] counted = new float[size * length];
        for (int r = 0; r < size; r++) {
            int row = order[start + r];
            long[] rowTargets = rows.targets(row);
            System.arraycopy(rows.inputs(row), 0, inputs, r * length, length);
            System.arraycopy(rowTargets, 0, targets, r * length, length);
            for (int p = 0; p < length; p++) {
                counted[r * length + p] = rowTargets[p] == 0 ? 0f : 1f;
            }
        }
        try (NDManager batch = trainer.getManager().newSubManager()) {
            NDList data = new NDList(
                    batch.create(inputs, new Shape(size, length)), batch.create(targets, new Shape(size, length)));
            if (negatives < rows.itemCount()) {
                data.add(batch.create(rows.sharedNegatives(negatives, random)));
            }
            NDList labels = new NDList(batch.create(counted, new Shape(size, length)));
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray value = trainer.getLoss().evaluate(labels, trainer.forward(data));
                collector.backward(value);
                loss = value.getFloat();
            }
            trainer.step();
            return loss;
        }
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
