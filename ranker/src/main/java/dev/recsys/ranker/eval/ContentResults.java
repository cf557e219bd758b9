package dev.recsys.ranker.eval;

import java.util.List;
import java.util.Objects;

/**
 * What one embedder's content vectors gave: the values chosen on validation with them, how often each place
 * of the chosen blend was a hit on validation, and on the test split the rows of every model that reads
 * content, with the fair hybrid's frontier.
 *
 * @param name the embedder's name ({@link ItemContent#name})
 * @param fair the hybrid through FA*IR at {@link OfflineEvaluation#FAIRNESS_P}
 * @param exposure the hybrid through FA*IR at the p chosen on validation for the exposure goal
 * @param withoutRecent the hybrid without the recent-item neighbours source
 * @param withSequence the hybrid with the sequence model as a further source, or {@code null} without one
 * @param frontier the fair hybrid at each p of {@link FairnessFrontier#P}, on test
 * @param sequenceFrontier the hybrid with the sequence model through FA*IR at each p of {@link
 *     FairnessFrontier#P}, on test; empty without a sequence model
 */
public record ContentResults(
        String name,
        OfflineEvaluation.Chosen chosen,
        HitRates hitRates,
        Evaluator.Result contentOnly,
        Evaluator.Result hybrid,
        Evaluator.Result fair,
        Evaluator.Result exposure,
        Evaluator.Result withoutRecent,
        Evaluator.Result withSequence,
        List<FairnessFrontier.Point> frontier,
        List<FairnessFrontier.Point> sequenceFrontier) {

    public ContentResults {
        Objects.requireNonNull(name, "name");
        frontier = List.copyOf(frontier);
        sequenceFrontier = List.copyOf(sequenceFrontier);
    }

    /**
     * The share of validation shoppers whose item at each rank 1 … 10 is relevant, for the blend chosen on
     * validation: in its order, and among its long-tail candidates alone (the top 10 filled with them, in
     * blended order).
     */
    public record HitRates(List<Double> hybrid, List<Double> longTail) {
        public HitRates {
            hybrid = List.copyOf(hybrid);
            longTail = List.copyOf(longTail);
        }

        static HitRates of(double[] hybrid, double[] longTail) {
            return new HitRates(
                    java.util.Arrays.stream(hybrid).boxed().toList(),
                    java.util.Arrays.stream(longTail).boxed().toList());
        }
    }
}
