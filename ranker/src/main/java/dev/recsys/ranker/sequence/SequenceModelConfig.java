package dev.recsys.ranker.sequence;

/**
 * The shape and training of the sequence model.
 *
 * @param dimension the size of item, position and hidden vectors
 * @param layers self-attention blocks
 * @param heads attention heads per block; must divide {@code dimension}
 * @param maxLength the most recent items the model reads (older ones are dropped)
 * @param dropout dropout rate of embeddings, attention weights and block outputs while training
 * @param negatives items sampled for each training batch, the negatives of its softmax; at least the
 *     catalog's size: every item is a candidate of every position (the full softmax)
 * @param epochs passes over the training sequences
 * @param batchSize sequences per training step
 * @param learningRate Adam's learning rate
 * @param seed seed of the initial weights, dropout, negative sampling and batch order
 */
public record SequenceModelConfig(
        int dimension,
        int layers,
        int heads,
        int maxLength,
        float dropout,
        int negatives,
        int epochs,
        int batchSize,
        float learningRate,
        long seed) {

    /** {@link #negatives} that make every item of any catalog a candidate: the full softmax. */
    public static final int ALL_ITEMS = Integer.MAX_VALUE;

    public SequenceModelConfig {
        positive("dimension", dimension);
        positive("layers", layers);
        positive("heads", heads);
        positive("maxLength", maxLength);
        positive("negatives", negatives);
        positive("epochs", epochs);
        positive("batchSize", batchSize);
        if (dimension % heads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must divide dimension (" + dimension + ")");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a positive number, got " + learningRate);
        }
    }

    /**
     * What the offline evaluation chose on MovieLens validation (docs/evaluation/sequence-model.md): SASRec's
     * shape for sparse data (2 blocks of 64 dimensions, 1 head) over the profile's 20 recent items, dropout
     * 0.5, 256 negatives per batch, Adam at 0.005 for 150 epochs.
     */
    public static SequenceModelConfig defaults() {
        return new SequenceModelConfig(64, 2, 1, 20, 0.5f, 256, 150, 128, 0.005f, 42);
    }

    public SequenceModelConfig withEpochs(int epochs) {
        return new SequenceModelConfig(
                dimension, layers, heads, maxLength, dropout, negatives, epochs, batchSize, learningRate, seed);
    }

    public SequenceModelConfig withDropout(float dropout) {
        return new SequenceModelConfig(
                dimension, layers, heads, maxLength, dropout, negatives, epochs, batchSize, learningRate, seed);
    }

    /** {@code dim=64 layers=2 heads=1 length=20 dropout=0.2 negatives=1 lr=0.005 batch=128}, as logs write it. */
    public String describe() {
        return "dim=" + dimension + " layers=" + layers + " heads=" + heads + " length=" + maxLength + " dropout="
                + dropout + " negatives=" + (negatives == ALL_ITEMS ? "all" : negatives) + " lr=" + learningRate
                + " batch=" + batchSize;
    }

    public SequenceModelConfig withNegatives(int negatives) {
        return new SequenceModelConfig(
                dimension, layers, heads, maxLength, dropout, negatives, epochs, batchSize, learningRate, seed);
    }

    public SequenceModelConfig withSeed(long seed) {
        return new SequenceModelConfig(
                dimension, layers, heads, maxLength, dropout, negatives, epochs, batchSize, learningRate, seed);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
