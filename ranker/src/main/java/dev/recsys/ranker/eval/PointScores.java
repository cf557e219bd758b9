package dev.recsys.ranker.eval;

import java.util.function.IntToDoubleFunction;

/**
 * A score function that can also score single items for a shopper without scoring the whole catalog: the
 * hybrid needs every source's score of a few hundred candidates, and a full pass over the catalog costs as
 * much as ranking it.
 */
public interface PointScores extends ScoreFunction {
    /**
     * The shopper's scorer: {@code scorer(user).applyAsDouble(i)} equals {@code scores(user)[i]} bit for bit.
     * Thread-safe; meant to be used by one thread for one shopper's candidates.
     */
    IntToDoubleFunction scorer(int user);
}
