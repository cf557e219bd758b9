package dev.recsys.ranker.eval;

import dev.recsys.ranker.rank.BlendWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What long-tail exposure costs the fair hybrid: the hybrid's blended list through FA*IR at each target
 * proportion p, its NDCG@10 and long-tail exposure side by side. A larger p asks for more long-tail items in
 * every prefix, so exposure tends to rise and accuracy to fall with it; neither is guaranteed to move
 * monotonically, since FA*IR's quota is a statistical test rounded to whole items.
 */
public final class FairnessFrontier {
    /** The target proportions of the frontier: 0.1, 0.2, … 0.9. */
    public static final List<Double> P = List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);

    /**
     * One point of the frontier.
     *
     * @param p FA*IR's target proportion
     * @param result the fair hybrid's row at that p (its {@link Evaluator.Result#ndcg10} and {@link
     *     Evaluator.Result#longTailShare} are the point's coordinates)
     */
    public record Point(double p, Evaluator.Result result) {
        public double ndcg10() {
            return result.ndcg10();
        }

        public double longTailExposure() {
            return result.longTailShare();
        }
    }

    private FairnessFrontier() {}

    /**
     * The fair hybrid at each p, in the order given.
     *
     * @param name the rows' name; each row is named {@code name + " p=" + p}
     */
    public static List<Point> of(
            Evaluator evaluator, Hybrid.Prepared hybrid, BlendWeights weights, List<Double> ps, String name) {
        List<Point> points = new ArrayList<>(ps.size());
        for (double p : ps) {
            Evaluator.Result result =
                    evaluator.evaluate(name + " p=" + p, hybrid.ranker(weights, OfflineEvaluation.fairness(p)));
            points.add(new Point(p, result));
        }
        return List.copyOf(points);
    }

    /** The point of the smallest p whose long-tail exposure reaches {@code exposure}, if any does. */
    public static Optional<Point> firstReaching(List<Point> frontier, double exposure) {
        return frontier.stream()
                .filter(point -> point.longTailExposure() >= exposure)
                .min((a, b) -> Double.compare(a.p(), b.p()));
    }
}
