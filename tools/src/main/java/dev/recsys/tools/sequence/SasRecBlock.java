package dev.recsys.tools.sequence;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.recsys.ranker.sequence.SequenceModelConfig;
import dev.recsys.ranker.sequence.SequenceWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * A SASRec-style sequence model (Kang and McAuley, 2018): item and position embeddings, causal
 * self-attention blocks, a final normalisation. Item 0 is padding; a sequence is right-aligned, oldest
 * first, so its last position holds the newest item and its state is the shopper's embedding. An item's
 * score for a position is the dot product of that position's state with the item's embedding (the same
 * table as the input side).
 *
 * <p>Inputs: item ids {@code (batch, length)} (int64). Output: the states {@code (batch, length,
 * dimension)}. While training, the next item at each position {@code (batch, length)} as a second input
 * makes the outputs the logits of every position and where its target lies among them ({@code (batch,
 * length, candidates)} and {@code (batch, length)}, int64), for {@link NextItemLoss}: with no third input the
 * candidates are the whole catalog (item {@code i} in column {@code i - 1}); with the batch's sampled
 * negatives {@code (negatives)} as a third they are the target (column 0) then those negatives, a negative
 * equal to the position's target at -1e9.
 */
final class SasRecBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    /** Added to an attention score where the position may not look; large enough to give it no weight. */
    private static final float MASKED = -1e9f;

    /** The layer normalisations' epsilon, the same in training and in the plain-Java forward pass. */
    static final float EPSILON = 1e-5f;

    private final int dimension;
    private final int itemCount;
    private final int maxLength;
    private final int heads;
    private final Parameter items;
    private final Parameter positions;
    private final Dropout inputDropout;
    private final List<AttentionBlock> blocks = new ArrayList<>();
    private final LayerNorm finalNorm;

    /** @param itemCount items, not counting the padding id 0 */
    SasRecBlock(int itemCount, SequenceModelConfig config) {
        super(VERSION);
        this.dimension = config.dimension();
        this.itemCount = itemCount;
        this.maxLength = config.maxLength();
        items = addParameter(Parameter.builder()
                .setName("items")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(itemCount + 1L, dimension))
                .build());
        positions = addParameter(Parameter.builder()
                .setName("positions")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(maxLength, dimension))
                .build());
        inputDropout = addChildBlock(
                "inputDropout", Dropout.builder().optRate(config.dropout()).build());
        for (int layer = 0; layer < config.layers(); layer++) {
            blocks.add(addChildBlock("block" + layer, new AttentionBlock(dimension, config.heads(), config.dropout())));
        }
        finalNorm = addChildBlock("finalNorm", norm());
        this.heads = config.heads();
    }

    /** A layer normalisation over the last axis of {@code (batch, length, dimension)}. */
    static LayerNorm norm() {
        return LayerNorm.builder().axis(2).optEpsilon(EPSILON).build();
    }

    /** The model's weights as plain arrays, for {@link dev.recsys.ranker.sequence.SequenceEncoder}. */
    SequenceWeights weights() {
        return new SequenceWeights(
                heads,
                EPSILON,
                Weights.matrix(items.getArray()),
                Weights.matrix(positions.getArray()),
                blocks.stream().map(AttentionBlock::weights).toList(),
                Weights.norm(finalNorm));
    }

    /** The item embedding table, row 0 the padding item. */
    Parameter itemTable() {
        return items;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        long length = ids.getShape().get(1);
        NDArray table = store.getValue(items, ids.getDevice(), training);
        NDArray x = Embedding.embedding(ids, table, SparseFormat.DENSE).head().mul(constant(ids, (float)
                Math.sqrt(dimension)));
        NDArray position =
                store.getValue(positions, ids.getDevice(), training).get(new NDIndex((maxLength - length) + ":"));
        // Padding positions carry nothing, before and after each block.
        NDArray present = ids.neq(0).toType(DataType.FLOAT32, false).expandDims(-1);
        x = inputDropout
                .forward(store, new NDList(x.add(position)), training)
                .head()
                .mul(present);
        NDArray mask = attentionMask(ids);
        for (AttentionBlock block : blocks) {
            x = block.forward(store, new NDList(x, mask), training).head().mul(present);
        }
        NDArray states = finalNorm.forward(store, new NDList(x), training).head();
        if (inputs.size() == 1) {
            return new NDList(states);
        }
        NDArray targets = inputs.get(1);
        if (inputs.size() == 2) {
            // Every item a candidate: one product with the table, no gather, no mask (the target is among them).
            NDArray logits = states.matMul(table.get(new NDIndex("1:")).transpose());
            NDArray column = targets.sub(1).maximum(0); // padding positions (id 0) are not counted anyway
            return new NDList(logits, column);
        }
        NDArray positive =
                Embedding.embedding(targets, table, SparseFormat.DENSE).head();
        NDArray negative =
                Embedding.embedding(inputs.get(2), table, SparseFormat.DENSE).head();
        NDArray positiveLogits = states.mul(positive).sum(new int[] {2}).expandDims(2);
        NDArray negativeLogits = states.matMul(negative.transpose());
        // A negative that is the position's own target is no negative: its logit is pushed out of the softmax.
        NDArray collision =
                targets.expandDims(2).eq(inputs.get(2).reshape(1, 1, -1)).toType(DataType.FLOAT32, false);
        negativeLogits = negativeLogits.add(collision.mul(constant(collision, -1e9f)));
        return new NDList(positiveLogits.concat(negativeLogits, 2), targets.zerosLike());
    }

    /**
     * A scalar kept by the inputs' manager until the step is over. DJL's {@code mul(Number)} makes a
     * scalar tensor and frees it at once, but the autograd graph keeps it for the backward pass, which
     * then read freed memory: now and then a NaN loss from the first step on.
     */
    static NDArray constant(NDArray like, float value) {
        return like.getManager().create(value);
    }

    /**
     * {@code (batch, 1, length, length)}: 0 where position i may look at position j (j ≤ i and j not
     * padding), {@link #MASKED} elsewhere. A padding position sees only padding; its state is zeroed anyway.
     */
    private static NDArray attentionMask(NDArray ids) {
        int length = Math.toIntExact(ids.getShape().get(1));
        float[] causal = new float[length * length];
        for (int i = 0; i < length; i++) {
            for (int j = i + 1; j < length; j++) {
                causal[i * length + j] = MASKED;
            }
        }
        NDManager manager = ids.getManager();
        NDArray later = manager.create(causal, new Shape(1, 1, length, length));
        NDArray padding = ids.eq(0)
                .toType(DataType.FLOAT32, false)
                .mul(MASKED)
                .expandDims(1)
                .expandDims(1);
        return later.add(padding);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        if (inputShapes.length == 1) {
            return new Shape[] {new Shape(ids.get(0), ids.get(1), dimension)};
        }
        long candidates = inputShapes.length == 2 ? itemCount : 1 + inputShapes[2].get(0);
        return new Shape[] {new Shape(ids.get(0), ids.get(1), candidates), ids};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape states = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), dimension);
        Shape mask = new Shape(inputShapes[0].get(0), 1, inputShapes[0].get(1), inputShapes[0].get(1));
        inputDropout.initialize(manager, dataType, states);
        for (AttentionBlock block : blocks) {
            block.initialize(manager, dataType, states, mask);
        }
        finalNorm.initialize(manager, dataType, states);
    }
}
