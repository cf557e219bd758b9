package dev.recsys.tools.sequence;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.loss.Loss;

/**
 * Sampled softmax cross-entropy: at every position that has a next item, {@code -log softmax} of that item's
 * logit among it and the batch's sampled negatives, averaged over those positions. Against full-catalog
 * ranking it trains far better than SASRec's original one-negative binary cross-entropy, as later work on
 * SASRec found. Predictions: the positive logits {@code (batch, length)} and the negative logits {@code (batch,
 * length, negatives)}; labels: the positions that count {@code (batch, length)}, 1 or 0.
 */
final class NextItemLoss extends Loss {

    NextItemLoss() {
        super("next-item");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray counted = labels.head();
        NDArray positive = predictions.get(0).expandDims(2);
        NDArray negative = predictions.get(1);
        NDArray logits = positive.concat(negative, 2);
        NDArray loss = logits.logSoftmax(2).get(new NDIndex(":, :, 0")).neg().mul(counted);
        return loss.sum().div(counted.sum().maximum(1f));
    }
}
