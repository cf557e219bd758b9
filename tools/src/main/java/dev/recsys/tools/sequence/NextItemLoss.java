package dev.recsys.tools.sequence;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy of the next item: at every position that has one, {@code -log softmax} of its logit
 * among the candidates, averaged over those positions. The candidates are the whole catalog or the item
 * and the batch's sampled negatives ({@link SasRecBlock}); either trains far better against full-catalog
 * ranking than SASRec's original one-negative binary cross-entropy, as later work on SASRec found, and the
 * whole catalog best of all. Predictions: the logits {@code (batch, length, candidates)} and the column of
 * each position's target {@code (batch, length)}; labels: the positions that count {@code (batch, length)},
 * 1 or 0.
 */
final class NextItemLoss extends Loss {

    NextItemLoss() {
        super("next-item");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray counted = labels.head();
        NDArray logits = predictions.get(0);
        NDArray column = predictions.get(1).expandDims(2);
        NDArray loss = logits.logSoftmax(2).gather(column, 2).squeeze(2).neg().mul(counted);
        return loss.sum().div(counted.sum().maximum(1f));
    }
}
