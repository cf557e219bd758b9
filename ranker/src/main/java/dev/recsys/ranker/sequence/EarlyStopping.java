package dev.recsys.ranker.sequence;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Early stopping on a validation score: every {@code every} epochs the weights are scored, the best kept,
 * and training stops once {@code patience} checks in a row have not beaten it, but not before {@code
 * warmUp} epochs: the first epochs' model ranks like popularity and often scores higher than the next
 * few, before it learns what follows what. A model trained past its
 * best epoch ranks worse on new data (it learns the training shoppers' own items), so the best epoch on
 * validation is also the epoch count the final model is trained for.
 */
public final class EarlyStopping {
    private final Validation validation;
    private final int every;
    private final int patience;
    private final int warmUp;
    private SequenceWeights best;
    private int bestEpoch;
    private double bestScore = Double.NEGATIVE_INFINITY;
    private int checksWithoutGain;
    private int lastChecked;

    /**
     * @param validation the score of a model on validation, higher is better
     * @param every epochs between two checks
     * @param patience checks without a better score before training stops
     * @param warmUp epochs before which training never stops
     */
    public EarlyStopping(Validation validation, int every, int patience, int warmUp) {
        this.validation = Objects.requireNonNull(validation, "validation");
        if (every < 1 || patience < 1) {
            throw new IllegalArgumentException(
                    "every and patience must be at least 1, got " + every + " and " + patience);
        }
        this.every = every;
        this.patience = patience;
        this.warmUp = Math.max(0, warmUp);
    }

    /**
     * Called after each epoch, 1, 2, …; takes a snapshot of the weights only on a check.
     *
     * @param last whether this is the last epoch training would run: it is checked whatever {@code every}
     * @return whether training should stop now
     */
    public boolean afterEpoch(int epoch, boolean last, Supplier<SequenceWeights> weights) {
        if (epoch % every != 0 && !last) {
            return false;
        }
        lastChecked = epoch;
        SequenceWeights snapshot = weights.get();
        double score = validation.score(epoch, snapshot);
        if (score > bestScore) {
            bestScore = score;
            best = snapshot;
            bestEpoch = epoch;
            checksWithoutGain = 0;
        } else {
            checksWithoutGain++;
        }
        return checksWithoutGain >= patience && epoch >= warmUp;
    }

    /** The score of a model on validation. */
    @FunctionalInterface
    public interface Validation {
        /** Higher is better; {@code epoch} is the epochs the weights were trained for. */
        double score(int epoch, SequenceWeights weights);
    }

    /** The best weights checked, or {@code null} before the first check. */
    public SequenceWeights best() {
        return best;
    }

    /** The epoch of {@link #best}, 0 before the first check. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The score of {@link #best}, -∞ before the first check. */
    public double bestScore() {
        return bestScore;
    }

    /** The epoch of the latest check, 0 before the first. */
    public int lastChecked() {
        return lastChecked;
    }
}
