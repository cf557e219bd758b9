package dev.recsys.tools.sequence;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;

/**
 * SASRec's objective: at every position that has a next item, binary cross-entropy of that item's logit
 * as a positive and of each sampled item's logit as a negative, averaged over those positions.
 * Predictions: the positive logits {@code (batch, length)} and the negative logits {@code (batch, length,
 * negatives)}; labels: the positions that count {@code (batch, length)}, 1 or 0.
 */
final class NextItemLoss extends Loss {

    NextItemLoss() {
        super("next-item");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray counted = labels.head();
        NDArray positive = predictions.get(0);
        NDArray negative = predictions.get(1);
        // -log sigmoid(x) = softplus(-x); -log(1 - sigmoid(x)) = softplus(x)
        NDArray positiveLoss = Activation.softPlus(positive.neg()).mul(counted);
        NDArray negativeLoss = Activation.softPlus(negative).mean(new int[] {2}).mul(counted);
        return positiveLoss.add(negativeLoss).sum().div(counted.sum().maximum(1f));
    }
}
