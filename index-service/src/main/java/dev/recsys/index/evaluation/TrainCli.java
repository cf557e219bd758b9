package dev.recsys.index.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.cf.CfFactorsReader;
import dev.recsys.index.tools.Flags;
import dev.recsys.index.tools.ReindexCli;
import dev.recsys.ranker.cf.AlsModel;
import dev.recsys.ranker.cf.Cholesky;
import dev.recsys.ranker.cf.ImplicitAls;
import dev.recsys.ranker.eval.Dataset;
import dev.recsys.ranker.eval.ItemKnn;
import dev.recsys.ranker.eval.TrainingData;
import dev.recsys.ranker.neighbours.ItemNeighbours;
import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.records.Topics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code recsys train}: implicit ALS on all the interactions of an interaction log, then, when asked,
 * makes the model live on a running index service.
 *
 * <pre>
 *   input:   --dataset movielens-small | --dataset instacart-baskets | --interactions FILE.csv --catalog FILE.jsonl
 *            | --bootstrap-servers H:P [--topic interactions]   (the topic from the beginning; erased
 *              shoppers' events up to their erasure, as the erasures topic lists them, left out)
 *   model:   [--factors 64] [--iterations 15] [--lambda 50] [--alpha 1] [--threads N] [--seed 42] [--solver cg|cholesky]
 *            [--neighbours 100] [--neighbour-window 5 | none]
 *   output:  --out DIR and/or --server URL [--token T] [--format live | --source FILE [--format jsonl|...]]
 *            [--max-error-ratio R]
 * </pre>
 *
 * {@code --out} writes {@code item-factors.jsonl} (one {@code {"itemId", "cf": [...]}} per item with a
 * positive training interaction, with its {@code --neighbours} nearest items by ItemKNN cosine over
 * co-occurrences within {@code --neighbour-window} items of a shopper's history (see {@link ItemKnn}), the lists
 * the feed's recent-item neighbours use, as {@code "neighbours"} and {@code "similarities"}) and {@code yty.json} ({@code {"factors", "lambda", "alpha", "yty": [k×k
 * row-major]}}), what the stream job's fold-in needs. {@code --server} uploads them to the service, which
 * builds a new catalog generation carrying the factors (by default from the catalog it serves now) and
 * publishes its item vectors and CF model under that generation's number; the command follows the job.
 * The factors travel in the request; a {@code --source} catalog does not: the service reads it itself,
 * and only under its {@code --data} folder or a {@code --catalog-dir} folder (a refusal says so).
 * Exit status: 0 when done, 1 when the service refused or the job failed, 2 for bad input.
 */
public final class TrainCli {
    static final String DEFAULT_TOPIC = "interactions";
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** Neighbours kept per item: the k chosen on validation for recent-item neighbours (docs/EVALUATION.md). */
    static final int DEFAULT_NEIGHBOURS = 100;
    /** Co-occurrence window of those neighbours: the window chosen on validation (docs/EVALUATION.md). */
    static final int DEFAULT_NEIGHBOUR_WINDOW = 5;

    private TrainCli() {}

    public static void main(String[] argv) throws IOException, InterruptedException {
        try {
            System.exit(run(argv, System.getenv(), System.out, System.err, ReindexCli.fancyTerminal(System.getenv())));
        } catch (IllegalArgumentException e) {
            System.err.println("train: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] argv) throws IOException, InterruptedException {
        return run(argv, Map.of(), System.out, System.err, false);
    }

    /** Runs the command; returns the exit status. Bad flags or input throw {@link IllegalArgumentException}. */
    static int run(String[] argv, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal)
            throws IOException, InterruptedException {
        Flags args = new Flags(
                argv,
                Set.of(
                        "--dataset",
                        "--datasets",
                        "--interactions",
                        "--catalog",
                        "--bootstrap-servers",
                        "--topic",
                        "--max-errors",
                        "--factors",
                        "--iterations",
                        "--lambda",
                        "--alpha",
                        "--threads",
                        "--seed",
                        "--solver",
                        "--neighbours",
                        "--neighbour-window",
                        "--out",
                        "--server",
                        "--token",
                        "--format",
                        "--source",
                        "--max-error-ratio"),
                Set.of());
        if (!args.has("--out") && !args.has("--server")) {
            throw new IllegalArgumentException(
                    "give --out DIR (write the model), --server URL (make it live), or both");
        }
        if (!args.has("--server")) {
            for (String flag : new String[] {"--token", "--format", "--source", "--max-error-ratio"}) {
                if (args.has(flag)) {
                    throw new IllegalArgumentException(flag + " only applies with --server URL");
                }
            }
        }
        CfUpload upload = args.has("--server") ? CfUpload.parse(args, env) : null;
        ImplicitAls.Config defaults = ImplicitAls.Config.defaults();
        ImplicitAls.Config config = defaults.withFactors(
                        (int) args.longValue("--factors", defaults.factors(), 1, Cholesky.MAX_SIZE))
                .withIterations((int) args.longValue("--iterations", defaults.iterations(), 1, Integer.MAX_VALUE))
                .withLambda(lambda(args, defaults.lambda()))
                .withAlpha(args.doubleValue("--alpha", defaults.alpha(), 0, 1e9))
                .withThreads((int) args.longValue("--threads", defaults.threads(), 1, Integer.MAX_VALUE))
                .withSeed((int) args.longValue("--seed", (int) defaults.seed(), 0, Integer.MAX_VALUE))
                .withSolver(solver(args.string("--solver", "cg")));
        int neighbours = (int) args.longValue("--neighbours", DEFAULT_NEIGHBOURS, 0, CfFactorsReader.MAX_NEIGHBOURS);
        int window = neighbourWindow(args);
        Dataset dataset = input(args, err);
        TrainingData training =
                new TrainingData(dataset.users(), dataset.items(), dataset.interactions(), ProfileConfig.defaults());
        long started = System.nanoTime();
        AlsModel model = new ImplicitAls(config).train(training.matrix());
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Double> losses = model.losses();
        err.printf(
                Locale.ROOT,
                "train: %d shoppers x %d items, %d entries, k=%d, %d iterations in %.1f s; loss %.1f -> %.1f%n",
                training.users(),
                training.items(),
                training.matrix().entries(),
                config.factors(),
                config.iterations(),
                seconds,
                losses.get(0),
                losses.get(losses.size() - 1));
        ItemKnn knn = null;
        if (neighbours > 0) {
            // The evaluator's own ItemKNN, so the served lists are the ones its hybrid was measured with.
            started = System.nanoTime();
            knn = new ItemKnn(training, neighbours, window);
            err.printf(
                    Locale.ROOT,
                    "train: item neighbours (cosine, k=%d, window %s) in %.1f s%n",
                    neighbours,
                    window == ItemKnn.NO_WINDOW ? "none" : Integer.toString(window),
                    (System.nanoTime() - started) / 1e9);
        }
        Path dir = args.has("--out") ? Path.of(args.string("--out", "")) : Files.createTempDirectory("recsys-train-");
        try {
            int written = write(dir, model, dataset.itemIds(), training.popularity(), knn);
            err.println("train: wrote " + written + " item factors and yty.json to " + dir);
            return upload == null ? 0 : upload.send(dir, out, err, terminal, POLL_INTERVAL);
        } finally {
            if (!args.has("--out")) {
                Files.deleteIfExists(dir.resolve(CfFactorsReader.ITEMS_FILE));
                Files.deleteIfExists(dir.resolve(CfFactorsReader.MODEL_FILE));
                Files.deleteIfExists(dir);
            }
        }
    }

    /** The interactions to train on: the topic with {@code --bootstrap-servers}, else the files. */
    private static Dataset input(Flags args, PrintStream err) throws IOException {
        if (!args.has("--bootstrap-servers")) {
            if (args.has("--topic")) {
                throw new IllegalArgumentException("--topic needs --bootstrap-servers H:P");
            }
            return DataArgs.load(args, line -> err.println("train: " + line)).dataset();
        }
        for (String flag : new String[] {"--dataset", "--interactions", "--catalog"}) {
            if (args.has(flag)) {
                throw new IllegalArgumentException(flag + " and --bootstrap-servers are two inputs: give one");
            }
        }
        String topic = args.string("--topic", DEFAULT_TOPIC);
        if (topic.isBlank()) {
            throw new IllegalArgumentException("--topic must not be blank");
        }
        InteractionTopicReader.Result read = InteractionTopicReader.read(
                args.string("--bootstrap-servers", ""),
                topic,
                Topics.ERASURES,
                KAFKA_TIMEOUT,
                line -> err.println("train: " + line));
        err.printf(
                Locale.ROOT,
                "train: read %,d records from %s: %,d malformed and %,d repeated eventIds skipped; %,d erased (events"
                        + " of the %,d erased shoppers up to their erasure) left out%n",
                read.records(),
                topic,
                read.malformed(),
                read.duplicates(),
                read.erased(),
                read.erasures());
        return read.dataset();
    }

    /** λ must be positive: the fold-in solves with YᵀY + λI, which needs it to be invertible. */
    private static double lambda(Flags args, double fallback) {
        double lambda = args.doubleValue("--lambda", fallback, 0, 1e9);
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("--lambda must be above 0, got " + lambda);
        }
        return lambda;
    }

    private static ImplicitAls.Solver solver(String name) {
        return switch (name) {
            case "cg" -> ImplicitAls.Solver.CONJUGATE_GRADIENT;
            case "cholesky" -> ImplicitAls.Solver.CHOLESKY;
            default -> throw new IllegalArgumentException("--solver must be cg or cholesky, got '" + name + "'");
        };
    }

    /** {@code --neighbour-window}: a positive number of items, or {@code none} for the plain cosine. */
    static int neighbourWindow(Flags args) {
        if ("none".equals(args.string("--neighbour-window", ""))) {
            return ItemKnn.NO_WINDOW;
        }
        return (int) args.longValue("--neighbour-window", DEFAULT_NEIGHBOUR_WINDOW, 1, Integer.MAX_VALUE - 1);
    }

    /**
     * Writes the two files; returns the number of item factors written. Each item line carries the item's
     * neighbour list when {@code neighbours} is given and the item has one.
     */
    static int write(Path dir, AlsModel model, List<String> itemIds, long[] interactions, ItemNeighbours neighbours)
            throws IOException {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper();
        int written = 0;
        try (BufferedWriter out =
                Files.newBufferedWriter(dir.resolve(CfFactorsReader.ITEMS_FILE), StandardCharsets.UTF_8)) {
            float[][] factors = model.itemFactors();
            for (int i = 0; i < factors.length; i++) {
                if (interactions[i] == 0) {
                    continue;
                }
                ObjectNode node = json.createObjectNode();
                node.put("itemId", itemIds.get(i));
                ArrayNode cf = node.putArray("cf");
                for (float v : factors[i]) {
                    cf.add(v);
                }
                int count = neighbours == null ? 0 : neighbours.neighbourCount(i);
                if (count > 0) {
                    ArrayNode ids = node.putArray("neighbours");
                    ArrayNode sims = node.putArray("similarities");
                    for (int n = 0; n < count; n++) {
                        ids.add(itemIds.get(neighbours.neighbour(i, n)));
                        sims.add(neighbours.similarity(i, n));
                    }
                }
                out.write(json.writeValueAsString(node));
                out.write('\n');
                written++;
            }
        }
        ObjectNode yty = json.createObjectNode();
        yty.put("factors", model.factors());
        yty.put("lambda", model.config().lambda());
        yty.put("alpha", model.config().alpha());
        ArrayNode values = yty.putArray("yty");
        for (double v : model.yty()) {
            values.add(v);
        }
        Files.writeString(
                dir.resolve(CfFactorsReader.MODEL_FILE), json.writeValueAsString(yty) + "\n", StandardCharsets.UTF_8);
        return written;
    }
}
