package dev.recsys.tools.evaluation;

import dev.recsys.cli.Cli;
import dev.recsys.cli.Converters;
import dev.recsys.cli.Ranges;
import dev.recsys.cli.UsageException;
import dev.recsys.ranker.eval.Evaluator;
import dev.recsys.ranker.eval.OfflineEvaluation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code recsys evaluate}: runs {@link OfflineEvaluation} on a data set and prints the results table;
 * with {@code --write-doc} also puts the table, with the command, into the data set's page
 * docs/evaluation/NAME.md ({@link #defaultDoc}) between the results markers.
 *
 * <pre>
 *   --dataset movielens-small | --dataset instacart-baskets | --interactions FILE.csv --catalog FILE.jsonl
 *   [--datasets DIR] [--max-errors 100] [--threads N] [--seed 42] [--write-doc [--doc docs/evaluation/NAME.md]]
 * </pre>
 */
@Command(
        name = "recsys evaluate",
        description = "Offline evaluation against baselines on a temporal split: precision, recall, F1, NDCG,"
                + " MRR, coverage and long-tail exposure of popularity, item-kNN, ALS, the hybrid and the"
                + " hybrid with FA*IR.")
public final class EvaluateCli implements Callable<Integer> {
    /** The flags, as {@code --help} and docs/CONFIGURATION.md show them. */
    public static CommandSpec spec() {
        return Cli.spec(new EvaluateCli(new String[0]));
    }

    @Mixin
    private DataArgs data;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "worker threads for training and ranking (default: the machine's cores)")
    private Long threads;

    @Option(
            names = "--seed",
            paramLabel = "N",
            converter = Converters.WholeNumber.class,
            description = "seed of the models' initial factors (default 42)")
    private Long seed;

    @Option(names = "--write-doc", description = "also put the table, with the command, into the --doc file")
    private boolean writeDoc;

    @Option(
            names = "--doc",
            paramLabel = "FILE",
            description = "the document --write-doc updates, between its results markers"
                    + " (default docs/evaluation/NAME.md, NAME the --dataset or interactions)")
    private Path docFile;

    private final String[] argv;

    private EvaluateCli(String[] argv) {
        this.argv = argv.clone();
    }

    /** The results section of one input: the {@code --dataset} name, or {@code interactions} for a CSV. */
    static String begin(String input) {
        return "<!-- results:begin " + input + " (written by ./recsys evaluate --write-doc) -->";
    }

    static String end(String input) {
        return "<!-- results:end " + input + " -->";
    }

    /** The page {@code --write-doc} writes an input's results to: docs/evaluation/INPUT.md. */
    static String defaultDoc(String input) {
        return "docs/evaluation/" + input + ".md";
    }

    public static void main(String[] argv) throws Exception {
        System.exit(run(argv));
    }

    /** Runs the command; returns the exit status: 2 for bad flags or input. */
    static int run(String[] argv) throws Exception {
        return Cli.run(new EvaluateCli(argv), argv, Map.of(), System.out, System.err);
    }

    @Override
    public Integer call() throws IOException {
        try {
            return evaluate();
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            System.err.println("evaluate: " + e.getMessage());
            return 2;
        }
    }

    private int evaluate() throws IOException {
        EvaluationData data = this.data.load(line -> System.err.println("evaluate: " + line));
        EvaluationData.LoadReport load = data.report();
        System.err.printf(
                Locale.ROOT,
                "evaluate: %d shoppers, %d items, %d interactions (%d malformed rows skipped, %d rows with unknown items)%n",
                data.dataset().users(),
                data.dataset().items(),
                data.dataset().interactions().size(),
                load.malformed(),
                load.unknownItems());
        OfflineEvaluation.Options defaults = OfflineEvaluation.Options.defaults();
        OfflineEvaluation.Options options = new OfflineEvaluation.Options(
                threads == null ? defaults.threads() : (int) Ranges.between("--threads", threads, 1, Integer.MAX_VALUE),
                seed == null ? (int) defaults.seed() : (int) Ranges.between("--seed", seed, 0, Integer.MAX_VALUE),
                defaults.iterations(),
                defaults.factorsGrid(),
                defaults.lambdaGrid(),
                defaults.alphaGrid(),
                defaults.knnGrid(),
                defaults.halfLifeGrid(),
                defaults.contentGrid(),
                defaults.popularityGrid(),
                defaults.fairnessGrid(),
                defaults.recentKGrid(),
                defaults.recentHalfLifeGrid(),
                defaults.recentGrid(),
                defaults.windowGrid());
        OfflineEvaluation.Report report = OfflineEvaluation.run(
                data.dataset(), data.content(), options, line -> System.err.println("evaluate: " + line));
        String command = "./recsys evaluate " + String.join(" ", argv);
        String table = markdown(report, command);
        System.out.println(table);
        if (writeDoc) {
            String input = this.data.dataset() == null ? "interactions" : this.data.dataset();
            Path doc = docFile == null ? Path.of(defaultDoc(input)) : docFile;
            writeDoc(doc, input, table);
            System.err.println("evaluate: wrote the results to " + doc);
        }
        return 0;
    }

    static String markdown(OfflineEvaluation.Report report, String command) {
        StringBuilder out = new StringBuilder();
        out.append("Command: `").append(command).append("`\n\n");
        out.append(String.format(
                Locale.ROOT,
                "Test split: %d training and %d held-out interactions, %d shoppers evaluated; full ranking over the"
                        + " catalog; run time %.0f s.%n%n",
                report.trainInteractions(),
                report.testInteractions(),
                report.testUsers(),
                report.seconds()));
        out.append(
                "| model | Precision@10 | Recall@10 | F1@10 | Recall@20 | NDCG@10 | MRR@10 | coverage | Gini | long-tail exposure | long-tail slots |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Evaluator.Result r : report.test()) {
            out.append(String.format(
                    Locale.ROOT,
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
        List<Evaluator.Result> rows = report.test();
        double bestBaseline = rows.subList(0, 4).stream()
                .mapToDouble(Evaluator.Result::ndcg10)
                .max()
                .orElse(0);
        Evaluator.Result hybrid = rows.get(4);
        Evaluator.Result fair = rows.get(5);
        Evaluator.Result exposure = rows.get(6);
        out.append(String.format(
                Locale.ROOT,
                "%nHybrid NDCG@10 / best baseline = %.3f (goal ≥ 1.10). FA*IR p=0.3: NDCG@10 cost %.1f%% (goal ≤ 5%%),"
                        + " long-tail exposure %.3f (goal ≥ 0.3). FA*IR at the p chosen on validation: NDCG@10 cost"
                        + " %.1f%%, long-tail exposure %.3f.%n%n",
                bestBaseline == 0 ? 0 : hybrid.ndcg10() / bestBaseline,
                cost(hybrid, fair),
                fair.longTailShare(),
                cost(hybrid, exposure),
                exposure.longTailShare()));
        out.append("Chosen on validation: ")
                .append(OfflineEvaluation.describe(report.chosen()))
                .append(".\n\n");
        out.append("<details><summary>Validation grid (NDCG@10 on the validation split)</summary>\n\n```\n");
        for (String line : report.validation()) {
            out.append(line).append('\n');
        }
        out.append("```\n</details>\n");
        return out.toString();
    }

    private static double cost(Evaluator.Result base, Evaluator.Result other) {
        return base.ndcg10() == 0 ? 0 : 100 * (1 - other.ndcg10() / base.ndcg10());
    }

    /** Replaces the input's results section (or appends one) with {@code table}. */
    static void writeDoc(Path doc, String input, String table) throws IOException {
        String beginMarker = begin(input);
        String endMarker = end(input);
        String section = beginMarker + "\n" + table + endMarker;
        String text =
                Files.isRegularFile(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "# Offline evaluation\n\n";
        int begin = text.indexOf(beginMarker);
        int end = text.indexOf(endMarker);
        String updated = begin >= 0 && end > begin
                ? text.substring(0, begin) + section + text.substring(end + endMarker.length())
                : text + (text.endsWith("\n") ? "\n" : "\n\n") + section + "\n";
        if (doc.toAbsolutePath().getParent() != null) {
            Files.createDirectories(doc.toAbsolutePath().getParent());
        }
        Files.writeString(doc, updated, StandardCharsets.UTF_8);
    }
}
