package dev.recsys.ranker.sequence;

import java.util.List;
import java.util.Objects;

/**
 * A trained sequence model's weights, as plain arrays. Item 0 is padding; positions are counted from the
 * oldest of {@code maxLength} places, so the newest item of any history sits at {@code maxLength - 1}.
 *
 * @param heads attention heads per block
 * @param epsilon the layer normalisations' epsilon
 * @param items the item embedding table, {@code itemCount + 1} rows of {@code dimension}
 * @param positions the position embedding table, {@code maxLength} rows of {@code dimension}
 * @param blocks the self-attention blocks, in order
 * @param finalNorm the normalisation after the last block
 */
public record SequenceWeights(
        int heads, float epsilon, float[][] items, float[][] positions, List<Block> blocks, Norm finalNorm) {

    public SequenceWeights {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(positions, "positions");
        blocks = List.copyOf(blocks);
        Objects.requireNonNull(finalNorm, "finalNorm");
        if (items.length < 2 || positions.length < 1) {
            throw new IllegalArgumentException("a model needs at least one item and one position");
        }
        int dimension = items[0].length;
        if (heads < 1 || dimension % heads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must divide dimension (" + dimension + ")");
        }
        for (float[][] table : List.of(items, positions)) {
            for (float[] row : table) {
                if (row.length != dimension) {
                    throw new IllegalArgumentException(
                            "every embedding must have " + dimension + " numbers, got " + row.length);
                }
            }
        }
    }

    public int dimension() {
        return items[0].length;
    }

    public int maxLength() {
        return positions.length;
    }

    /** Items the model knows, ids 1 … this. */
    public int itemCount() {
        return items.length - 1;
    }

    /** The number of weights: what the model costs in memory at 4 bytes each. */
    public long parameters() {
        long count = (long) items.length * dimension() + (long) positions.length * dimension() + finalNorm.size();
        for (Block block : blocks) {
            count += block.attentionNorm().size()
                    + block.query().size()
                    + block.key().size()
                    + block.value().size()
                    + block.output().size()
                    + block.feedForwardNorm().size()
                    + block.hidden().size()
                    + block.back().size();
        }
        return count;
    }

    /** A layer normalisation's scale and shift. */
    public record Norm(float[] gamma, float[] beta) {
        long size() {
            return gamma.length + beta.length;
        }
    }

    /** A dense layer: {@code y = W x + b}, {@code weight} one row per output. */
    public record Dense(float[][] weight, float[] bias) {
        long size() {
            return (long) weight.length * weight[0].length + bias.length;
        }
    }

    /** One pre-normalised self-attention block and its feed-forward part. */
    public record Block(
            Norm attentionNorm,
            Dense query,
            Dense key,
            Dense value,
            Dense output,
            Norm feedForwardNorm,
            Dense hidden,
            Dense back) {}
}
