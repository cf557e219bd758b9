package dev.recsys.ranker.sequence;

import java.util.Objects;

/**
 * The sequence model's forward pass in plain Java: a shopper's embedding from their newest items. It
 * computes what training computed (the tools module's DJL block) for the newest position of a
 * right-aligned history: item embedding × √dimension plus position embedding, then each block's
 * {@code x + attention(norm(x))} with causal attention over the history, then {@code x +
 * feedForward(norm(x))}, then the final normalisation. Padding takes no part, so only the real items are
 * computed. Thread-safe (no state besides the weights).
 */
public final class SequenceEncoder {
    private final SequenceWeights weights;
    private final int dimension;
    private final int heads;
    private final int headSize;

    public SequenceEncoder(SequenceWeights weights) {
        this.weights = Objects.requireNonNull(weights, "weights");
        this.dimension = weights.dimension();
        this.heads = weights.heads();
        this.headSize = dimension / heads;
    }

    public SequenceWeights weights() {
        return weights;
    }

    /**
     * The embedding of a shopper whose items are {@code history}, oldest first; only the newest {@link
     * SequenceWeights#maxLength} count.
     *
     * @throws IllegalArgumentException if the history is empty or names an id outside 1 … itemCount
     */
    public float[] embed(int[] history) {
        Objects.requireNonNull(history, "history");
        if (history.length == 0) {
            throw new IllegalArgumentException("history is empty");
        }
        int used = Math.min(weights.maxLength(), history.length);
        int first = history.length - used;
        int offset = weights.maxLength() - used;
        float scale = (float) Math.sqrt(dimension);
        float[][] x = new float[used][];
        for (int t = 0; t < used; t++) {
            int item = history[first + t];
            if (item < 1 || item > weights.itemCount()) {
                throw new IllegalArgumentException("item id " + item + " outside 1 … " + weights.itemCount());
            }
            float[] embedding = weights.items()[item];
            float[] position = weights.positions()[offset + t];
            float[] row = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                row[d] = embedding[d] * scale + position[d];
            }
            x[t] = row;
        }
        for (SequenceWeights.Block block : weights.blocks()) {
            x = block(block, x);
        }
        return norm(weights.finalNorm(), x[used - 1]);
    }

    private float[][] block(SequenceWeights.Block block, float[][] x) {
        int length = x.length;
        float[][] q = new float[length][];
        float[][] k = new float[length][];
        float[][] v = new float[length][];
        for (int t = 0; t < length; t++) {
            float[] normed = norm(block.attentionNorm(), x[t]);
            q[t] = dense(block.query(), normed);
            k[t] = dense(block.key(), normed);
            v[t] = dense(block.value(), normed);
        }
        float[][] out = new float[length][];
        double scale = Math.sqrt(headSize);
        double[] weightsOf = new double[length];
        for (int t = 0; t < length; t++) {
            float[] attended = new float[dimension];
            for (int h = 0; h < heads; h++) {
                int from = h * headSize;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= t; j++) { // causal: a position sees itself and what came before
                    double score = 0;
                    for (int d = from; d < from + headSize; d++) {
                        score += q[t][d] * k[j][d];
                    }
                    weightsOf[j] = score / scale;
                    max = Math.max(max, weightsOf[j]);
                }
                double sum = 0;
                for (int j = 0; j <= t; j++) {
                    weightsOf[j] = Math.exp(weightsOf[j] - max);
                    sum += weightsOf[j];
                }
                for (int j = 0; j <= t; j++) {
                    double w = weightsOf[j] / sum;
                    for (int d = from; d < from + headSize; d++) {
                        attended[d] += (float) (w * v[j][d]);
                    }
                }
            }
            float[] projected = dense(block.output(), attended);
            float[] y = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                y[d] = x[t][d] + projected[d];
            }
            float[] inner = dense(block.hidden(), norm(block.feedForwardNorm(), y));
            for (int d = 0; d < inner.length; d++) {
                inner[d] = Math.max(0, inner[d]);
            }
            float[] back = dense(block.back(), inner);
            for (int d = 0; d < dimension; d++) {
                y[d] += back[d];
            }
            out[t] = y;
        }
        return out;
    }

    private float[] norm(SequenceWeights.Norm norm, float[] x) {
        double mean = 0;
        for (float value : x) {
            mean += value;
        }
        mean /= x.length;
        double variance = 0;
        for (float value : x) {
            variance += (value - mean) * (value - mean);
        }
        variance /= x.length;
        double inverse = 1 / Math.sqrt(variance + weights.epsilon());
        float[] out = new float[x.length];
        for (int d = 0; d < x.length; d++) {
            out[d] = (float) ((x[d] - mean) * inverse) * norm.gamma()[d] + norm.beta()[d];
        }
        return out;
    }

    private static float[] dense(SequenceWeights.Dense layer, float[] x) {
        float[][] w = layer.weight();
        float[] out = new float[w.length];
        for (int o = 0; o < w.length; o++) {
            double sum = layer.bias()[o];
            float[] row = w[o];
            for (int i = 0; i < x.length; i++) {
                sum += row[i] * x[i];
            }
            out[o] = (float) sum;
        }
        return out;
    }
}
