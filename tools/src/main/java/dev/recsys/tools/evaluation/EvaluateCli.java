package dev.recsys.tools.evaluation;

import dev.recsys.cli.Cli;
import dev.recsys.cli.Converters;
import dev.recsys.cli.Ranges;
import dev.recsys.cli.UsageException;
import dev.recsys.index.embed.EmbedderSpec;
import dev.recsys.ranker.eval.OfflineEvaluation;
import dev.recsys.ranker.eval.SequenceOptions;
import dev.recsys.tools.sequence.DjlSequenceFitter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 *   [--datasets DIR] [--max-errors 100] [--threads N] [--seed 42] [--embedder hashed[,transformer[:MODEL]]]
 *   [--embedding-cache DIR] [--no-sequence-model] [--write-doc [--doc docs/evaluation/NAME.md]]
 * </pre>
 *
 * With several embedders, each gets its own content-only, hybrid and fair-hybrid rows and frontier on the same
 * split; {@code --write-doc} also draws the frontiers into NAME-frontier.svg beside the page.
 */
@Command(
        name = "recsys evaluate",
        description = "Offline evaluation against baselines on a temporal split: precision, recall, F1, NDCG,"
                + " MRR, coverage and long-tail exposure of popularity, item-kNN, ALS, content, the hybrid and the"
                + " hybrid with FA*IR, for each --embedder.")
public final class EvaluateCli implements Callable<Integer> {
    /** The flags, as {@code --help} and docs/CONFIGURATION.md show them. */
    public static CommandSpec spec() {
        return Cli.spec(new EvaluateCli(new String[0], System.out, System.err));
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

    @Option(
            names = "--no-sequence-model",
            description = "leave the self-attention sequence model out (it is trained and evaluated by default)")
    private boolean noSequenceModel;

    @Option(
            names = "--embedder",
            paramLabel = "LIST",
            defaultValue = "transformer",
            description =
                    "the content vectors, " + EmbedderSpec.SYNTAX + ", or a comma list of them (hashed,transformer)"
                            + " evaluated on the same split in one run; the first takes part in the whole validation search")
    private String embedder;

    @Option(
            names = "--embedding-cache",
            paramLabel = "DIR",
            description = "where the Transformer's vectors are kept between runs (default"
                    + " $XDG_CACHE_HOME/recsys/embeddings, else ~/.cache/recsys/embeddings)")
    private Path embeddingCache;

    @Option(names = "--write-doc", description = "also put the table, with the command, into the --doc file")
    private boolean writeDoc;

    @Option(
            names = "--doc",
            paramLabel = "FILE",
            description = "the document --write-doc updates, between its results markers"
                    + " (default docs/evaluation/NAME.md, NAME the --dataset or interactions)")
    private Path docFile;

    private final String[] argv;
    private final PrintStream out;
    private final PrintStream err;
    private final long started = System.nanoTime();

    private EvaluateCli(String[] argv, PrintStream out, PrintStream err) {
        this.argv = argv.clone();
        this.out = out;
        this.err = err;
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
        return run(argv, System.out, System.err);
    }

    static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        return Cli.run(new EvaluateCli(argv, out, err), argv, Map.of(), out, err);
    }

    /** The file --write-doc draws the frontier chart in, beside the page: INPUT-frontier.svg. */
    static String chartName(String input) {
        return input + "-frontier.svg";
    }

    /**
     * The embedders of {@code --embedder}: one spec or a comma list, each named once.
     *
     * @throws UsageException naming {@code --embedder} when one is unknown, repeated or empty
     */
    static List<EmbedderSpec> embedders(String value) {
        List<EmbedderSpec> specs = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            EmbedderSpec spec;
            try {
                spec = EmbedderSpec.parse(part);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--embedder: " + e.getMessage());
            }
            if (specs.contains(spec)) {
                throw new UsageException("--embedder names " + spec.id() + " twice");
            }
            specs.add(spec);
        }
        return List.copyOf(specs);
    }

    /** {@code --embedding-cache}, else $XDG_CACHE_HOME/recsys/embeddings, else ~/.cache/recsys/embeddings. */
    private Path embeddingCache() {
        if (embeddingCache != null) {
            return embeddingCache;
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("recsys").resolve("embeddings");
    }

    @Override
    public Integer call() throws IOException {
        try {
            return evaluate();
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            err.println("evaluate: " + e.getMessage());
            return 2;
        }
    }

    /** A progress line on stderr, with the seconds since the command started. */
    private void progress(String line) {
        err.printf(Locale.ROOT, "evaluate: %6.0f s  %s%n", (System.nanoTime() - started) / 1e9, line);
    }

    private int evaluate() throws IOException {
        List<EmbedderSpec> specs = embedders(embedder);
        EvaluationData data = this.data.load(line -> err.println("evaluate: " + line));
        EvaluationData.LoadReport load = data.report();
        err.printf(
                Locale.ROOT,
                "evaluate: %d shoppers, %d items, %d interactions (%d malformed rows skipped, %d rows with unknown items)%n",
                data.dataset().users(),
                data.dataset().items(),
                data.dataset().interactions().size(),
                load.malformed(),
                load.unknownItems());
        OfflineEvaluation.Options options = options();
        long embedding = System.nanoTime();
        List<ContentEmbeddings.Embedded> embedded =
                ContentEmbeddings.of(data.items(), specs, embeddingCache(), options.threads(), this::progress);
        double contentSeconds = (System.nanoTime() - embedding) / 1e9;
        OfflineEvaluation.Report report = OfflineEvaluation.run(
                data.dataset(),
                embedded.stream().map(ContentEmbeddings.Embedded::content).toList(),
                options,
                noSequenceModel ? null : SequenceOptions.defaults(new DjlSequenceFitter(), options.seed()),
                this::progress);
        String input = this.data.dataset() == null ? "interactions" : this.data.dataset();
        String command = "./recsys evaluate " + String.join(" ", argv);
        String table = EvaluationPage.markdown(
                report,
                new EvaluationPage.Run(
                        command,
                        embedded.stream()
                                .map(ContentEmbeddings.Embedded::description)
                                .toList(),
                        contentSeconds,
                        chartName(input)));
        out.println(table);
        if (writeDoc) {
            Path doc = docFile == null ? Path.of(defaultDoc(input)) : docFile;
            writeDoc(doc, input, table);
            Path chart = doc.toAbsolutePath().resolveSibling(chartName(input));
            Files.writeString(chart, FrontierChart.svg(EvaluationPage.chart(report, input)), StandardCharsets.UTF_8);
            err.println("evaluate: wrote the results to " + doc + " and the frontier chart to " + chart);
        }
        return 0;
    }

    private OfflineEvaluation.Options options() {
        OfflineEvaluation.Options defaults = OfflineEvaluation.Options.defaults();
        return new OfflineEvaluation.Options(
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
