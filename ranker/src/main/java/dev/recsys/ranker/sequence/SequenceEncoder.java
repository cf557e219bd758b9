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
    /** The item embedding table, or {@code null} for an encoder fed item embeddings by its caller. */
    private final float[][] items;

    private final float[][] positions;
    private final float epsilon;
    private final SequenceWeights.Norm finalNorm;
    private final int dimension;
    private final int heads;
    private final int headSize;
    private final List<Layer> layers;

    /** An encoder of model ids, over the weights' item table. */
    public SequenceEncoder(SequenceWeights weights) {
        this(weights, true);
    }

    private SequenceEncoder(SequenceWeights weights, boolean keepItems) {
        Objects.requireNonNull(weights, "weights");
        this.items = keepItems ? weights.items() : null;
        this.positions = weights.positions();
        this.epsilon = weights.epsilon();
        this.finalNorm = weights.finalNorm();
        this.dimension = weights.dimension();
        this.heads = weights.heads();
        this.headSize = dimension / heads;
        this.layers = weights.blocks().stream().map(Layer::new).toList();
    }

    /**
     * An encoder that keeps none of the item table, for a caller that holds the item embeddings elsewhere
     * (the service reads them from the catalog's {@code seq} field): only {@link #embedItems} works.
     */
    public static SequenceEncoder withoutItemTable(SequenceWeights weights) {
        return new SequenceEncoder(weights, false);
    }

    public int dimension() {
        return dimension;
    }

    /** How many of the newest items the model reads. */
    public int maxLength() {
        return positions.length;
    }

    /**
     * The embedding of a shopper whose items are {@code history}, oldest first; only the newest {@link
     * #maxLength} count.
     *
     * @throws IllegalArgumentException if the history is empty or names an id outside 1 … itemCount
     * @throws IllegalStateException for an encoder {@link #withoutItemTable}
     */
    public float[] embed(int[] history) {
        Objects.requireNonNull(history, "history");
        if (items == null) {
            throw new IllegalStateException("this encoder keeps no item table: pass the item embeddings");
        }
        int used = Math.min(maxLength(), history.length);
        float[][] rows = new float[used][];
        for (int t = 0; t < used; t++) {
            int item = history[history.length - used + t];
            if (item < 1 || item >= items.length) {
                throw new IllegalArgumentException("item id " + item + " outside 1 … " + (items.length - 1));
            }
            rows[t] = items[item];
        }
        return embedItems(rows);
    }

    /**
     * The embedding of a shopper whose items have these embeddings (rows of the model's item table), oldest
     * first; only the newest {@link #maxLength} count.
     *
     * @throws IllegalArgumentException if there are none or one has the wrong dimension
     */
    public float[] embedItems(float[][] itemEmbeddings) {
        Objects.requireNonNull(itemEmbeddings, "itemEmbeddings");
        if (itemEmbeddings.length == 0) {
            throw new IllegalArgumentException("history is empty");
        }
        int used = Math.min(maxLength(), itemEmbeddings.length);
        int first = itemEmbeddings.length - used;
        int offset = maxLength() - used;
        float scale = (float) Math.sqrt(dimension);
        float[][] x = new float[used][];
        for (int t = 0; t < used; t++) {
            float[] embedding = itemEmbeddings[first + t];
            if (embedding.length != dimension) {
                throw new IllegalArgumentException(
                        "an item embedding has " + embedding.length + " numbers, the model " + dimension);
            }
            float[] position = positions[offset + t];
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
        return norm(finalNorm, x[x.length - 1]);
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
        float inverse = (float) (1 / Math.sqrt(variance + epsilon));
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
