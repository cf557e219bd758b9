package dev.recsys.tools.sequence;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.recsys.ranker.sequence.SequenceWeights;

/**
 * One self-attention block of the sequence model, pre-normalised: {@code x + attention(norm(x))}, then
 * {@code x + feedForward(norm(x))}. Inputs: the states {@code (batch, length, dimension)} and an additive
 * attention mask {@code (batch, 1, length, length)} (0 where a position may look, a large negative number
 * where it may not: later positions and padding).
 */
final class AttentionBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int dimension;
    private final int heads;
    private final LayerNorm attentionNorm;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final LayerNorm feedForwardNorm;
    private final Linear hidden;
    private final Linear back;
    private final Dropout dropout;

    AttentionBlock(int dimension, int heads, float dropoutRate) {
        super(VERSION);
        this.dimension = dimension;
        this.heads = heads;
        attentionNorm = addChildBlock("attentionNorm", SasRecBlock.norm());
        query = addChildBlock("query", Linear.builder().setUnits(dimension).build());
        key = addChildBlock("key", Linear.builder().setUnits(dimension).build());
        value = addChildBlock("value", Linear.builder().setUnits(dimension).build());
        output = addChildBlock("output", Linear.builder().setUnits(dimension).build());
        feedForwardNorm = addChildBlock("feedForwardNorm", SasRecBlock.norm());
        hidden = addChildBlock("hidden", Linear.builder().setUnits(dimension).build());
        back = addChildBlock("back", Linear.builder().setUnits(dimension).build());
        dropout =
                addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray mask = inputs.get(1);
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);
        int headSize = dimension / heads;

        NDArray normed = attentionNorm.forward(store, new NDList(x), training).head();
        NDArray q = split(query.forward(store, new NDList(normed), training).head(), batch, length, headSize);
        NDArray k = split(key.forward(store, new NDList(normed), training).head(), batch, length, headSize);
        NDArray v = split(value.forward(store, new NDList(normed), training).head(), batch, length, headSize);
        NDArray weights = q.matMul(k.transpose(0, 1, 3, 2))
                .mul(SasRecBlock.constant(x, (float) (1 / Math.sqrt(headSize))))
                .add(mask)
                .softmax(-1);
        weights = dropout.forward(store, new NDList(weights), training).head();
        NDArray attended = weights.matMul(v).transpose(0, 2, 1, 3).reshape(new Shape(batch, length, dimension));
        NDArray projected =
                output.forward(store, new NDList(attended), training).head();
        x = x.add(dropout.forward(store, new NDList(projected), training).head());

        NDArray normed2 =
                feedForwardNorm.forward(store, new NDList(x), training).head();
        NDArray inner = Activation.relu(
                hidden.forward(store, new NDList(normed2), training).head());
        inner = dropout.forward(store, new NDList(inner), training).head();
        NDArray out = back.forward(store, new NDList(inner), training).head();
        return new NDList(
                x.add(dropout.forward(store, new NDList(out), training).head()));
    }

    /** The block's weights as plain arrays. */
    SequenceWeights.Block weights() {
        return new SequenceWeights.Block(
                Weights.norm(attentionNorm),
                Weights.dense(query),
                Weights.dense(key),
                Weights.dense(value),
                Weights.dense(output),
                Weights.norm(feedForwardNorm),
                Weights.dense(hidden),
                Weights.dense(back));
    }

    /** {@code (batch, length, dimension)} into {@code (batch, heads, length, headSize)}. */
    private NDArray split(NDArray states, long batch, long length, int headSize) {
        return states.reshape(new Shape(batch, length, heads, headSize)).transpose(0, 2, 1, 3);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape states = inputShapes[0];
        Shape weights = new Shape(states.get(0), heads, states.get(1), states.get(1));
        attentionNorm.initialize(manager, dataType, states);
        query.initialize(manager, dataType, states);
        key.initialize(manager, dataType, states);
        value.initialize(manager, dataType, states);
        output.initialize(manager, dataType, states);
        feedForwardNorm.initialize(manager, dataType, states);
        hidden.initialize(manager, dataType, states);
        back.initialize(manager, dataType, states);
        dropout.initialize(manager, dataType, weights);
    }
}
