package dev.recsys.ranker.eval;

import dev.recsys.ranker.rank.BlendWeights;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The long-tail lines of the validation log, for the blend chosen on validation: FA*IR at each p until the
 * exposure goal is reached, how often each place is a hit in the hybrid's order and among its long-tail
 * candidates alone, and what the m best long-tail candidates in the last m places of the top 10 cost.
 */
final class LongTailCosts {
    /** Long-tail places in the top 10 tried for the exposure-cost lines of the validation log. */
    static final int LONG_TAIL_SLOTS_TRIED = 6;

    private final Evaluator validation;
    private final Consumer<String> note;

    LongTailCosts(Evaluator validation, Consumer<String> note) {
        this.validation = validation;
        this.note = note;
    }

    /**
     * @param exposureP the smallest p that reached {@link OfflineEvaluation#EXPOSURE_GOAL}, or the largest tried
     * @param hitRates how often each place is a hit, in the blend's order and among its long-tail candidates
     */
    record Outcome(double exposureP, ContentResults.HitRates hitRates) {}

    /**
     * Writes the long-tail lines.
     *
     * @param bestScore the blend's NDCG@10 on validation, against which each cost is measured
     */
    Outcome write(Hybrid.Prepared prepared, BlendWeights weights, double bestScore, List<Double> fairnessGrid) {
        double exposureP = fairnessAtEachP(prepared, weights, bestScore, fairnessGrid);
        // Why long-tail exposure is dear: how often each place is a hit, in the hybrid's order and among its
        // long-tail candidates alone (the top 10 filled with them, in blended order).
        double[] hybrid = validation.hitRates(prepared.ranker(weights, null), Evaluator.CUTOFF);
        note.accept("  hit rate by rank 1-10, hybrid: " + rates(hybrid));
        double[] longTail = validation.hitRates(
                prepared.longTailAtBottom(weights, Evaluator.CUTOFF, Evaluator.CUTOFF), Evaluator.CUTOFF);
        note.accept("  hit rate by rank 1-10, its long-tail candidates alone: " + rates(longTail));
        longTailInTheLastPlaces(prepared, weights, bestScore);
        return new Outcome(exposureP, ContentResults.HitRates.of(hybrid, longTail));
    }

    private double fairnessAtEachP(
            Hybrid.Prepared prepared, BlendWeights weights, double bestScore, List<Double> fairnessGrid) {
        for (double p : fairnessGrid) {
            Evaluator.Result result =
                    validation.evaluate("fair", prepared.ranker(weights, OfflineEvaluation.fairness(p)));
            note.accept(String.format(
                    Locale.ROOT,
                    "  hybrid + FA*IR p=%s  NDCG@10=%.4f (cost %.1f%%)  long-tail exposure=%.3f",
                    p,
                    result.ndcg10(),
                    100 * (1 - result.ndcg10() / bestScore),
                    result.longTailShare()));
            if (result.longTailShare() >= OfflineEvaluation.EXPOSURE_GOAL) {
                return p;
            }
        }
        return fairnessGrid.get(fairnessGrid.size() - 1);
    }

    /** What exposure costs whatever the mechanism: the m best long-tail candidates in the last m places. */
    private void longTailInTheLastPlaces(Hybrid.Prepared prepared, BlendWeights weights, double bestScore) {
        for (int slots = 1; slots <= LONG_TAIL_SLOTS_TRIED; slots++) {
            Evaluator.Result result =
                    validation.evaluate("fill", prepared.longTailAtBottom(weights, slots, Evaluator.CUTOFF));
            note.accept(String.format(
                    Locale.ROOT,
                    "  hybrid, best %d long-tail candidates in the last places of the top 10  NDCG@10=%.4f (cost %.1f%%)"
                            + "  long-tail exposure=%.3f",
                    slots,
                    result.ndcg10(),
                    100 * (1 - result.ndcg10() / bestScore),
                    result.longTailShare()));
        }
    }

    private static String rates(double[] rates) {
        StringBuilder out = new StringBuilder();
        for (double rate : rates) {
            out.append(out.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.3f", rate));
        }
        return out.toString();
    }
}
