package dev.recsys.tools.sequence;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.recsys.ranker.sequence.SequenceModelConfig;
import dev.recsys.ranker.sequence.SequenceWeights;
import java.util.Objects;

/**
 * A trained sequence model: a shopper's embedding from their newest items, and every item's score for
 * what they take next. Not thread-safe; {@link #close} frees the native tensors.
 */
public final class SequenceModel implements AutoCloseable {
    private final Model model;
    private final SasRecBlock block;
    private final SequenceModelConfig config;
    private final int itemCount;

    SequenceModel(Model model, SasRecBlock block, SequenceModelConfig config, int itemCount) {
        this.model = model;
        this.block = block;
        this.config = config;
        this.itemCount = itemCount;
    }

    /** The trained weights as plain arrays: what {@link dev.recsys.ranker.sequence.SequenceEncoder} runs. */
    public SequenceWeights weights() {
        return block.weights();
    }

    public SequenceModelConfig config() {
        return config;
    }

    /** Items the model knows, ids 1 … this. */
    public int itemCount() {
        return itemCount;
    }

    /**
     * The shopper's embedding: the state of the newest position after reading {@code history} (oldest
     * first; only the newest {@link SequenceModelConfig#maxLength} count).
     */
    public float[] embedding(int[] history) {
        Objects.requireNonNull(history, "history");
        try (NDManager manager = model.getNDManager().newSubManager()) {
            return lastState(manager, history).toFloatArray();
        }
    }

    /** Each item's score for the shopper's next item, indexed by id; index 0 (padding) is -∞. */
    public float[] scores(int[] history) {
        Objects.requireNonNull(history, "history");
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray state = lastState(manager, history);
            float[] scores = block.itemTable().getArray().matMul(state).toFloatArray();
            scores[0] = Float.NEGATIVE_INFINITY;
            return scores;
        }
    }

    private NDArray lastState(NDManager manager, int[] history) {
        if (history.length == 0) {
            throw new IllegalArgumentException("history is empty");
        }
        int length = config.maxLength();
        for (int i = Math.max(0, history.length - length); i < history.length; i++) {
            if (history[i] < 1 || history[i] > itemCount) {
                throw new IllegalArgumentException("item id " + history[i] + " outside 1 … " + itemCount);
            }
        }
        NDArray input =
                manager.create(TrainingSequences.rightAligned(history, history.length, length), new Shape(1, length));
        NDArray states = block.forward(new ParameterStore(manager, false), new NDList(input), false)
                .head();
        return states.get(new NDIndex("0, -1"));
    }

    @Override
    public void close() {
        model.close();
    }
}
