package dev.recsys.tools.evaluation;

import dev.recsys.ranker.eval.ContentResults;
import dev.recsys.ranker.eval.Evaluator;
import dev.recsys.ranker.eval.FairnessFrontier;
import dev.recsys.ranker.eval.OfflineEvaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The results section {@code recsys evaluate} prints and writes into a data set's page: the command, the test
 * table, the goals' ratios for each embedder, the fair hybrid's frontier (a table and the chart {@link
 * FrontierChart} draws), how often each place is a hit on validation, what validation chose and the whole
 * validation log.
 */
final class EvaluationPage {
    /**
     * @param command the command line, as the page shows it
     * @param embedders one line per embedder saying what its vectors are
     * @param contentSeconds the time spent computing the content vectors
     * @param chart the chart's file name relative to the page, or {@code null} for no chart
     */
    record Run(String command, List<String> embedders, double contentSeconds, String chart) {}

    private EvaluationPage() {}

    static String markdown(OfflineEvaluation.Report report, Run run) {
        StringBuilder out = new StringBuilder();
        out.append("Command: `").append(run.command()).append("`\n\n");
        out.append(format(
                "Test split: %d training and %d held-out interactions, %d shoppers evaluated; full ranking over the"
                        + " catalog; run time %.0f s, and %.0f s computing the content vectors.%n%n",
                report.trainInteractions(),
                report.testInteractions(),
                report.testUsers(),
                report.seconds(),
                run.contentSeconds()));
        out.append("Content vectors: ")
                .append(String.join("; ", run.embedders()))
                .append(".\n\n");
        table(out, report);
        goals(out, report);
        frontier(out, report, run.chart());
        hitRates(out, report);
        out.append("Chosen on validation:\n\n");
        for (ContentResults content : report.contents()) {
            out.append("- with ")
                    .append(content.name())
                    .append(": ")
                    .append(OfflineEvaluation.describe(content.chosen()))
                    .append('\n');
        }
        out.append("\n<details><summary>Validation grid (NDCG@10 on the validation split)</summary>\n\n```\n");
        for (String line : report.validation()) {
            out.append(line).append('\n');
        }
        out.append("```\n</details>\n");
        return out.toString();
    }

    private static void table(StringBuilder out, OfflineEvaluation.Report report) {
        out.append("| model | Precision@10 | Recall@10 | F1@10 | Recall@20 | NDCG@10 | MRR@10 | coverage | Gini |"
                + " long-tail exposure | long-tail slots |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Evaluator.Result r : report.test()) {
            out.append(format(
                    "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.3f | %.3f | %.3f | %.3f |%n",
                    r.name(),
                    r.precision10(),
                    r.recall10(),
                    r.f1At10(),
                    r.recall20(),
                    r.ndcg10(),
                    r.mrr10(),
                    r.coverage(),
                    r.gini(),
                    r.longTailShare(),
                    r.longTailCount()));
        }
        out.append('\n');
    }

    private static void goals(StringBuilder out, OfflineEvaluation.Report report) {
        Evaluator.Result best = report.bestBaseline();
        out.append(format(
                "Best unconstrained single model (MostPopular, ItemKNN, implicit ALS, content only%s): %s, NDCG@10"
                        + " %.4f.%n%n",
                report.sequence() == null ? "" : ", the sequence model alone", best.name(), best.ndcg10()));
        for (ContentResults content : report.contents()) {
            out.append(format(
                    "- %s: hybrid NDCG@10 / best baseline = %.3f (goal ≥ 1.10). FA*IR p=0.3: NDCG@10 cost %.1f%%"
                            + " (goal ≤ 5%%), long-tail exposure %.3f (goal ≥ 0.3). FA*IR at the p chosen on"
                            + " validation: NDCG@10 cost %.1f%%, long-tail exposure %.3f.%n",
                    content.name(),
                    ratio(content.hybrid().ndcg10(), best.ndcg10()),
                    cost(content.hybrid(), content.fair()),
                    content.fair().longTailShare(),
                    cost(content.hybrid(), content.exposure()),
                    content.exposure().longTailShare()));
        }
        sequence(out, report, best);
        List<ContentResults> contents = report.contents();
        ContentResults first = contents.get(0);
        for (ContentResults other : contents.subList(1, contents.size())) {
            out.append(format(
                    "- %s against %s: content-only NDCG@10 ×%.2f (goal ≥ 2), hybrid NDCG@10 ×%.3f (goal ≥ 1).%n",
                    other.name(),
                    first.name(),
                    ratio(other.contentOnly().ndcg10(), first.contentOnly().ndcg10()),
                    ratio(other.hybrid().ndcg10(), first.hybrid().ndcg10())));
        }
        out.append('\n');
    }

    /** The sequence model's lines: its goals, settings, training time and size. */
    private static void sequence(StringBuilder out, OfflineEvaluation.Report report, Evaluator.Result best) {
        OfflineEvaluation.SequenceSummary sequence = report.sequence();
        if (sequence == null) {
            return;
        }
        Evaluator.Result als = report.baselines().stream()
                .filter(r -> r.name().equals("Implicit ALS"))
                .findFirst()
                .orElse(best);
        for (ContentResults content : report.contents()) {
            if (content.withSequence() != null) {
                out.append(format(
                        "- %s: hybrid with the sequence model NDCG@10 / best single model = %.3f (goal ≥ 1.10),"
                                + " / implicit ALS = %.3f, / hybrid without it = %.3f.%n",
                        content.name(),
                        ratio(content.withSequence().ndcg10(), best.ndcg10()),
                        ratio(content.withSequence().ndcg10(), als.ndcg10()),
                        ratio(content.withSequence().ndcg10(), content.hybrid().ndcg10())));
            }
        }
        out.append(format(
                "- Sequence model: %s, chosen on validation (NDCG@10 %.4f there); trained on the whole training part"
                        + " in %.0f s, %,d weights (%.1f MB as float32).%n",
                sequence.choice().describe(),
                sequence.choice().score(),
                sequence.seconds(),
                sequence.parameters(),
                sequence.parameters() * 4 / 1e6));
    }

    private static void frontier(StringBuilder out, OfflineEvaluation.Report report, String chart) {
        out.append("**The fair hybrid's frontier** (test split): the hybrid through FA*IR at each target proportion"
                + " p, its long-tail exposure and NDCG@10; the dashed line of the chart is the best unconstrained"
                + " baseline.\n\n");
        if (chart != null) {
            out.append("![Long-tail exposure against NDCG@10 of the fair hybrid, p = 0.1 … 0.9, for each embedder](")
                    .append(chart)
                    .append(")\n\n");
        }
        List<ContentResults> contents = report.contents();
        frontierTable(out, contents, ContentResults::frontier);
        double best = report.bestBaseline().ndcg10();
        for (ContentResults content : contents) {
            out.append("- ").append(content.name()).append(": ");
            reached(out, content.frontier(), best);
            Evaluator.Result fair = content.exposure();
            out.append(format(
                    "  With the blend chosen on validation with the quota on (p = %s): NDCG@10 %.4f, long-tail"
                            + " exposure %.3f, %.3f × the best baseline (goal ≥ 1 at exposure ≥ %.1f).%n",
                    content.chosen().exposureP(),
                    fair.ndcg10(),
                    fair.longTailShare(),
                    ratio(fair.ndcg10(), best),
                    OfflineEvaluation.EXPOSURE_GOAL));
        }
        out.append('\n');
        List<ContentResults> withSequence = contents.stream()
                .filter(content -> !content.sequenceFrontier().isEmpty())
                .toList();
        if (withSequence.isEmpty()) {
            return;
        }
        out.append("**The fair hybrid with the sequence model** (test split): the hybrid with the sequence model,"
                + " blended as validation chose without the quota, through FA*IR at each p.\n\n");
        frontierTable(out, withSequence, ContentResults::sequenceFrontier);
        for (ContentResults content : withSequence) {
            out.append("- ").append(content.name()).append(" with the sequence model: ");
            reached(out, content.sequenceFrontier(), best);
        }
        out.append('\n');
    }

    /** One row per p: each embedder's NDCG@10 and long-tail exposure on {@code frontier}. */
    private static void frontierTable(
            StringBuilder out,
            List<ContentResults> contents,
            Function<ContentResults, List<FairnessFrontier.Point>> frontier) {
        StringBuilder header = new StringBuilder("| p |");
        StringBuilder rule = new StringBuilder("|---:|");
        for (ContentResults content : contents) {
            header.append(" NDCG@10 (").append(content.name()).append(") | long-tail exposure (");
            header.append(content.name()).append(") |");
            rule.append("---:|---:|");
        }
        out.append(header).append('\n').append(rule).append('\n');
        for (int n = 0; n < FairnessFrontier.P.size(); n++) {
            out.append("| ").append(FairnessFrontier.P.get(n)).append(" |");
            for (ContentResults content : contents) {
                FairnessFrontier.Point point = frontier.apply(content).get(n);
                out.append(format(" %.4f | %.3f |", point.ndcg10(), point.longTailExposure()));
            }
            out.append('\n');
        }
        out.append('\n');
    }

    /** Where {@code frontier} first reaches the exposure goal, against the best baseline {@code best}. */
    private static void reached(StringBuilder out, List<FairnessFrontier.Point> frontier, double best) {
        Optional<FairnessFrontier.Point> reached =
                FairnessFrontier.firstReaching(frontier, OfflineEvaluation.EXPOSURE_GOAL);
        out.append(reached.map(point -> format(
                        "long-tail exposure ≥ %.1f from p = %s on: NDCG@10 %.4f, %.3f × the best baseline"
                                + " (goal ≥ 1).%n",
                        OfflineEvaluation.EXPOSURE_GOAL, point.p(), point.ndcg10(), ratio(point.ndcg10(), best)))
                .orElse(format("long-tail exposure stays below %.1f at every p.%n", OfflineEvaluation.EXPOSURE_GOAL)));
    }

    private static void hitRates(StringBuilder out, OfflineEvaluation.Report report) {
        out.append("**Hit rate by rank** (validation split, the blend chosen on it): the share of shoppers whose"
                + " item at each place is relevant, in the hybrid's order and among its long-tail candidates alone"
                + " (the top 10 filled with them, in blended order).\n\n");
        StringBuilder header = new StringBuilder("| ranking |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int r = 1; r <= Evaluator.CUTOFF; r++) {
            header.append(' ').append(r).append(" |");
            rule.append("---:|");
        }
        out.append(header).append('\n').append(rule).append('\n');
        for (ContentResults content : report.contents()) {
            row(
                    out,
                    "hybrid (" + content.name() + " content)",
                    content.hitRates().hybrid());
            row(
                    out,
                    "its long-tail candidates alone (" + content.name() + ")",
                    content.hitRates().longTail());
        }
        out.append('\n');
    }

    private static void row(StringBuilder out, String name, List<Double> rates) {
        out.append("| ").append(name).append(" |");
        for (double rate : rates) {
            out.append(format(" %.3f |", rate));
        }
        out.append('\n');
    }

    /** The chart of the frontier: one series per embedder, the best baseline as the reference line. */
    static FrontierChart.Chart chart(OfflineEvaluation.Report report, String input) {
        List<FrontierChart.Series> series = new ArrayList<>();
        for (ContentResults content : report.contents()) {
            series.add(new FrontierChart.Series(
                    "fair hybrid, " + content.name() + " content", points(content.frontier())));
        }
        for (ContentResults content : report.contents()) {
            if (!content.sequenceFrontier().isEmpty()) {
                series.add(new FrontierChart.Series(
                        "fair hybrid with the sequence model, " + content.name() + " content",
                        points(content.sequenceFrontier())));
            }
        }
        Evaluator.Result best = report.bestBaseline();
        return new FrontierChart.Chart(
                "FA*IR p = 0.1 … 0.9 on the test split: " + input,
                "long-tail exposure",
                "NDCG@10",
                series,
                new FrontierChart.Reference(best.ndcg10(), "best baseline: " + best.name()));
    }

    private static List<FrontierChart.Point> points(List<FairnessFrontier.Point> frontier) {
        return frontier.stream()
                .map(p -> new FrontierChart.Point(p.longTailExposure(), p.ndcg10(), "p=" + p.p()))
                .toList();
    }

    private static double ratio(double value, double base) {
        return base == 0 ? 0 : value / base;
    }

    private static double cost(Evaluator.Result base, Evaluator.Result other) {
        return base.ndcg10() == 0 ? 0 : 100 * (1 - other.ndcg10() / base.ndcg10());
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
