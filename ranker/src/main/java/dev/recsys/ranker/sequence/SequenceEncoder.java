package dev.recsys.ranker.sequence;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The sequence model's forward pass in plain Java: a shopper's embedding from their newest items. It
 * computes what training computed (the tools module's DJL block) for the newest position of a
 * right-aligned history: item embedding × √dimension plus position embedding, then each block's
 * {@code x + attention(norm(x))} with causal attention over the history, then {@code x +
 * feedForward(norm(x))}, then the final normalisation. Padding takes no part, so only the real items are
 * computed, and the last block computes only the newest position (the others' outputs are not read).
 *
 * <p>Every product is written as {@code out += x[i] · row i} over contiguous arrays (the weights are kept
 * transposed), a loop the JIT compiles to SIMD instructions. Thread-safe (no state besides the weights).
 */
public final class SequenceEncoder {
    private final SequenceWeights weights;
    private final int dimension;
    private final int heads;
    private final int headSize;
    private final List<Layer> layers;

    public SequenceEncoder(SequenceWeights weights) {
        this.weights = Objects.requireNonNull(weights, "weights");
        this.dimension = weights.dimension();
        this.heads = weights.heads();
        this.headSize = dimension / heads;
        this.layers = weights.blocks().stream().map(Layer::new).toList();
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
        for (int l = 0; l < layers.size(); l++) {
            boolean last = l == layers.size() - 1;
            x = block(layers.get(l), x, last ? used - 1 : 0);
        }
        return norm(weights.finalNorm(), x[x.length - 1]);
    }

    /** The block's output at positions {@code from} … the newest (earlier ones are not needed after it). */
    private float[][] block(Layer layer, float[][] x, int from) {
        int length = x.length;
        // Keys transposed (dimension × length) and values (length × dimension) of every position.
        float[] keys = new float[dimension * length];
        float[][] values = new float[length][];
        float[][] normed = new float[length][];
        for (int t = 0; t < length; t++) {
            normed[t] = norm(layer.block.attentionNorm(), x[t]);
            float[] k = layer.key.apply(normed[t]);
            for (int d = 0; d < dimension; d++) {
                keys[d * length + t] = k[d];
            }
            values[t] = layer.value.apply(normed[t]);
        }
        float[][] out = new float[length - from][];
        float scale = (float) (1 / Math.sqrt(headSize));
        float[] scores = new float[length];
        for (int t = from; t < length; t++) {
            float[] q = layer.query.apply(normed[t]);
            float[] attended = new float[dimension];
            int seen = t + 1; // causal: a position sees itself and what came before
            for (int h = 0; h < heads; h++) {
                int start = h * headSize;
                Arrays.fill(scores, 0, seen, 0f);
                for (int d = start; d < start + headSize; d++) {
                    float qd = q[d] * scale;
                    int base = d * length;
                    for (int j = 0; j < seen; j++) {
                        scores[j] += qd * keys[base + j];
                    }
                }
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < seen; j++) {
                    max = Math.max(max, scores[j]);
                }
                float sum = 0;
                for (int j = 0; j < seen; j++) {
                    scores[j] = (float) Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int j = 0; j < seen; j++) {
                    float w = scores[j] / sum;
                    float[] v = values[j];
                    for (int d = start; d < start + headSize; d++) {
                        attended[d] += w * v[d];
                    }
                }
            }
            float[] y = layer.output.apply(attended);
            for (int d = 0; d < dimension; d++) {
                y[d] += x[t][d];
            }
            float[] inner = layer.hidden.apply(norm(layer.block.feedForwardNorm(), y));
            for (int d = 0; d < inner.length; d++) {
                inner[d] = Math.max(0, inner[d]);
            }
            float[] back = layer.back.apply(inner);
            for (int d = 0; d < dimension; d++) {
                y[d] += back[d];
            }
            out[t - from] = y;
        }
        return out;
    }

    private float[] norm(SequenceWeights.Norm norm, float[] x) {
        float mean = 0;
        for (float value : x) {
            mean += value;
        }
        mean /= x.length;
        float variance = 0;
        for (float value : x) {
            variance += (value - mean) * (value - mean);
        }
        variance /= x.length;
        float inverse = (float) (1 / Math.sqrt(variance + weights.epsilon()));
        float[] gamma = norm.gamma();
        float[] beta = norm.beta();
        float[] out = new float[x.length];
        for (int d = 0; d < x.length; d++) {
            out[d] = (x[d] - mean) * inverse * gamma[d] + beta[d];
        }
        return out;
    }

    /** A block's dense layers with their weights transposed for the product loops. */
    private static final class Layer {
        final SequenceWeights.Block block;
        final Dense query;
        final Dense key;
        final Dense value;
        final Dense output;
        final Dense hidden;
        final Dense back;

        Layer(SequenceWeights.Block block) {
            this.block = block;
            query = new Dense(block.query());
            key = new Dense(block.key());
            value = new Dense(block.value());
            output = new Dense(block.output());
            hidden = new Dense(block.hidden());
            back = new Dense(block.back());
        }
    }

    /** {@code y = W x + b} with W kept as its transpose, one contiguous row per input. */
    private static final class Dense {
        private final float[] transposed;
        private final float[] bias;
        private final int inputs;
        private final int outputs;

        Dense(SequenceWeights.Dense layer) {
            float[][] w = layer.weight();
            outputs = w.length;
            inputs = w[0].length;
            transposed = new float[inputs * outputs];
            for (int o = 0; o < outputs; o++) {
                for (int i = 0; i < inputs; i++) {
                    transposed[i * outputs + o] = w[o][i];
                }
            }
            bias = layer.bias();
        }

        float[] apply(float[] x) {
            float[] out = bias.clone();
            for (int i = 0; i < inputs; i++) {
                float xi = x[i];
                int base = i * outputs;
                for (int o = 0; o < outputs; o++) {
                    out[o] += xi * transposed[base + o];
                }
            }
            return out;
        }
    }
}
