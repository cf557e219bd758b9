package dev.recsys.ranker.eval;

/** A score for every catalog item for one shopper; higher is better. Implementations are thread-safe. */
@FunctionalInterface
public interface ScoreFunction {
    /** One score per item index; a fresh array the caller may modify. */
    double[] scores(int user);
}
