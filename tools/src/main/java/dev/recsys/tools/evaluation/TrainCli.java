package dev.recsys.tools.evaluation;

import dev.recsys.cli.Cli;
import dev.recsys.cli.Converters;
import dev.recsys.cli.Ranges;
import dev.recsys.cli.UsageException;
import dev.recsys.cli.kafka.KafkaPropertyOptions;
import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.index.cf.CfFactorsReader;
import dev.recsys.ranker.cf.AlsModel;
import dev.recsys.ranker.cf.Cholesky;
import dev.recsys.ranker.cf.ImplicitAls;
import dev.recsys.ranker.eval.Dataset;
import dev.recsys.ranker.eval.ItemKnn;
import dev.recsys.ranker.eval.SequenceHistories;
import dev.recsys.ranker.eval.TrainingData;
import dev.recsys.ranker.json.SequenceModelJson;
import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.records.Topics;
import dev.recsys.ranker.sequence.SequenceFilter;
import dev.recsys.ranker.sequence.SequenceFitter;
import dev.recsys.ranker.sequence.SequenceModelConfig;
import dev.recsys.ranker.sequence.SequenceModelFile;
import dev.recsys.tools.sequence.DjlSequenceFitter;
import dev.recsys.tools.service.EmbedderFlag;
import dev.recsys.tools.service.ReindexCli;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

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
 *   which:   [--model als | sequence | all] [--sequence-epochs 150] [--sequence-events positive | every-event]
 *            [--sequence-negatives 256 | all]
 *   output:  --out DIR and/or --server URL [--token T] [--format live | --source FILE [--format jsonl|...]]
 *            [--max-error-ratio R] [--embedder hashed|transformer[:MODEL]]
 * </pre>
 *
 * {@code --out} writes {@code item-factors.jsonl} (one {@code {"itemId", "cf": [...]}} per item with a
 * positive training interaction, with its {@code --neighbours} nearest items by ItemKNN cosine over
 * co-occurrences within {@code --neighbour-window} items of a shopper's history (see {@link ItemKnn}), the lists
 * the feed's recent-item neighbours use, as {@code "neighbours"} and {@code "similarities"}) and {@code yty.json} ({@code {"factors", "lambda", "alpha", "yty": [k×k
 * row-major]}}), what the stream job's fold-in needs. {@code --server} uploads them to the service, which
 * builds a new catalog generation carrying the factors (by default from the catalog it serves now) and
 * publishes its item vectors and CF model under that generation's number; the command follows the job.
 * {@code --model sequence} or {@code all} also trains the self-attention sequence model on every shopper's
 * history ({@link SequenceModelConfig#defaults}) and writes it to {@code --out} as {@value #SEQUENCE_FILE}
 * ({@link SequenceModelJson}); {@code --server} uploads it with the factors, and the new generation's items
 * carry its embeddings (a generation built without it keeps the live one's).
 * The factors travel in the request; a {@code --source} catalog does not: the service reads it itself,
 * and only under its {@code --data} folder or a {@code --catalog-dir} folder (a refusal says so).
 * Exit status: 0 when done, 1 when the service refused or the job failed, 2 for bad input.
 */
@Command(
        name = "recsys train",
        description = "Implicit ALS and item-to-item neighbours on an interaction log (the interactions topic, a"
                + " data set or a CSV), written to --out and/or made live on a running index service (--server).")
public final class TrainCli implements Callable<Integer> {
    /** The flags, as {@code --help} and docs/CONFIGURATION.md show them. */
    public static CommandSpec spec() {
        return Cli.spec(new TrainCli(Map.of(), System.out, System.err, false));
    }

    static final String DEFAULT_TOPIC = "interactions";
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** Neighbours kept per item: the k chosen on validation for recent-item neighbours (docs/EVALUATION.md). */
    static final int DEFAULT_NEIGHBOURS = 100;
    /** Co-occurrence window of those neighbours: the window chosen on validation (docs/EVALUATION.md). */
    static final int DEFAULT_NEIGHBOUR_WINDOW = 5;
    /** The sequence model's epochs: the best epoch of early stopping on MovieLens validation. */
    static final int SEQUENCE_EPOCHS = 150;
    /** The sequence model's file in {@code --out}. */
    public static final String SEQUENCE_FILE = "sequence-model.json";

    @Mixin
    private DataArgs data;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "train on the interactions topic of these brokers, from the beginning (instead of --dataset"
                    + " or --interactions)")
    private String bootstrapServers;

    @Mixin
    private KafkaPropertyOptions kafkaProperties;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            defaultValue = DEFAULT_TOPIC,
            description = "the interaction topic, with --bootstrap-servers")
    private String topic;

    @Option(
            names = "--factors",
            paramLabel = "K",
            defaultValue = "" + ImplicitAls.Config.DEFAULT_FACTORS,
            description = "latent factors")
    private long factors;

    @Option(
            names = "--iterations",
            paramLabel = "N",
            defaultValue = "" + ImplicitAls.Config.DEFAULT_ITERATIONS,
            description = "alternations of the shopper and item steps")
    private long iterations;

    @Option(
            names = "--lambda",
            paramLabel = "L",
            defaultValue = "50",
            converter = Converters.FiniteNumber.class,
            description = "regularisation λ, above 0")
    private double lambda;

    @Option(
            names = "--alpha",
            paramLabel = "A",
            defaultValue = "1",
            converter = Converters.FiniteNumber.class,
            description = "confidence scale α: c = 1 + α·|w|")
    private double alpha;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: the machine's cores)")
    private Long threads;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "" + ImplicitAls.Config.DEFAULT_SEED,
            converter = Converters.WholeNumber.class,
            description =
                    "seed of the initial item factors and of the sequence model: same log, same flags, same model")
    private long seed;

    @Option(
            names = "--solver",
            paramLabel = "cg|cholesky",
            defaultValue = "cg",
            description = "how each row is solved: conjugate gradient or exact Cholesky")
    private String solverName;

    @Option(
            names = "--neighbours",
            paramLabel = "K",
            defaultValue = "" + DEFAULT_NEIGHBOURS,
            description = "neighbours kept per item for the feed's recent-item neighbours; 0 ships none")
    private long neighbours;

    @Option(
            names = "--neighbour-window",
            paramLabel = "N|none",
            defaultValue = "" + DEFAULT_NEIGHBOUR_WINDOW,
            description = "two items of a shopper co-occur when fewer than N of the shopper's other items lie between"
                    + " them; none counts every pair")
    private String neighbourWindow;

    @Option(
            names = "--model",
            paramLabel = "als|sequence|all",
            defaultValue = "als",
            description = "what to train: implicit ALS with its item neighbours, the self-attention sequence model"
                    + " on every shopper's items in order, or both")
    private String modelName;

    @Option(
            names = "--sequence-epochs",
            paramLabel = "N",
            defaultValue = "" + SEQUENCE_EPOCHS,
            description = "the sequence model's training epochs")
    private long sequenceEpochs;

    @Option(
            names = "--sequence-negatives",
            paramLabel = "N|all",
            defaultValue = "256",
            description = "items sampled per training batch as the softmax's negatives, or all: every item of the"
                    + " catalog (slower per epoch, a better model alone; docs/evaluation/sequence-model.md)")
    private String sequenceNegatives;

    @Option(
            names = "--sequence-events",
            paramLabel = "positive|every-event",
            defaultValue = "positive",
            description = "the events the sequence model learns from and reads: positive leaves out dislikes and"
                    + " ratings below the neutral one")
    private String sequenceEvents;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "write item-factors.jsonl and yty.json (ALS), sequence-model.json (the sequence model) here")
    private Path outDir;

    @Option(
            names = {"--server", "--url"},
            paramLabel = "URL",
            description = "make the model live on this index service, as a new catalog generation")
    private String server;

    @Option(
            names = "--token",
            paramLabel = "T",
            description = "the service's admin token (default: $" + ReindexCli.TOKEN_ENV + ")")
    private String token;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "what the new generation is built from: live (the catalog served now; the default) or the"
                    + " format of --source")
    private String format;

    @Option(
            names = "--source",
            paramLabel = "FILE",
            description = "a catalog file the server reads itself, under its --data or a --catalog-dir folder")
    private Path source;

    @Option(
            names = "--max-error-ratio",
            paramLabel = "R",
            converter = Converters.FiniteNumber.class,
            description = "the reindex job's maxErrorRatio")
    private Double maxErrorRatio;

    @Option(names = "--embedder", paramLabel = "NAME", description = EmbedderFlag.DESCRIPTION)
    private String embedder;

    private final Map<String, String> env;
    private final PrintStream stdout;
    private final PrintStream err;
    private final boolean terminal;

    TrainCli(Map<String, String> env, PrintStream stdout, PrintStream err, boolean terminal) {
        this.env = env;
        this.stdout = stdout;
        this.err = err;
        this.terminal = terminal;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> env = System.getenv();
        System.exit(run(argv, env, System.out, System.err, ReindexCli.fancyTerminal(env)));
    }

    static int run(String[] argv) throws Exception {
        return run(argv, Map.of(), System.out, System.err, false);
    }

    /** Runs the command; returns the exit status: 2 for bad flags or input. */
    static int run(String[] argv, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal)
            throws Exception {
        return Cli.run(new TrainCli(env, out, err, terminal), argv, Map.of(), out, err);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        try {
            return train();
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            err.println("train: " + e.getMessage());
            return 2;
        }
    }

    private int train() throws IOException, InterruptedException {
        if (outDir == null && server == null) {
            throw new UsageException("give --out DIR (write the model), --server URL (make it live), or both");
        }
        if (server == null) {
            onlyWithServer("--token", token);
            onlyWithServer("--format", format);
            onlyWithServer("--source", source);
            onlyWithServer("--max-error-ratio", maxErrorRatio);
            onlyWithServer("--embedder", embedder);
        }
        if (!List.of("als", "sequence", "all").contains(modelName)) {
            throw new UsageException("--model must be als, sequence or all, got '" + modelName + "'");
        }
        boolean als = !modelName.equals("sequence");
        boolean sequence = !modelName.equals("als");
        SequenceModelConfig sequenceConfig = sequence ? sequenceConfig() : null;
        SequenceFilter filter = sequence ? sequenceFilter(sequenceEvents) : null;
        CfUpload upload =
                server != null ? CfUpload.of(server, token, format, source, maxErrorRatio, embedder, env) : null;
        ImplicitAls.Config config = model();
        int neighbours = (int) Ranges.between("--neighbours", this.neighbours, 0, CfFactorsReader.MAX_NEIGHBOURS);
        int window = neighbourWindow(neighbourWindow);
        Dataset dataset = input(err);
        TrainingData training =
                new TrainingData(dataset.users(), dataset.items(), dataset.interactions(), ProfileConfig.defaults());
        Path dir = outDir != null ? outDir : Files.createTempDirectory("recsys-train-");
        try {
            if (sequence) {
                trainSequence(dataset, training, sequenceConfig, filter, dir);
            }
            if (als) {
                trainAls(dataset, training, config, neighbours, window, dir);
            }
            return upload == null ? 0 : upload.send(dir, als, sequence, stdout, err, terminal, POLL_INTERVAL);
        } finally {
            if (outDir == null) {
                Files.deleteIfExists(dir.resolve(CfFactorsReader.ITEMS_FILE));
                Files.deleteIfExists(dir.resolve(CfFactorsReader.MODEL_FILE));
                Files.deleteIfExists(dir.resolve(SEQUENCE_FILE));
                Files.deleteIfExists(dir);
            }
        }
    }

    /** Implicit ALS and the item neighbours, written to {@code dir}. */
    private void trainAls(
            Dataset dataset, TrainingData training, ImplicitAls.Config config, int neighbours, int window, Path dir)
            throws IOException {
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
        int written = CfFactorsWriter.write(dir, model, dataset.itemIds(), training.popularity(), knn);
        err.println("train: wrote " + written + " item factors and yty.json to " + dir);
    }

    /** Trains the sequence model on every shopper's history and writes it to {@code dir}. */
    private void trainSequence(
            Dataset dataset, TrainingData training, SequenceModelConfig config, SequenceFilter filter, Path dir)
            throws IOException {
        List<int[]> sequences = SequenceHistories.training(training, ProfileConfig.defaults(), filter);
        SequenceFitter.Fit fit = new DjlSequenceFitter().fit(sequences, dataset.items(), config, null, line -> {});
        SequenceModelFile file = new SequenceModelFile(dataset.itemIds(), filter, fit.weights());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(SEQUENCE_FILE), SequenceModelJson.write(file) + "\n", StandardCharsets.UTF_8);
        err.printf(
                Locale.ROOT,
                "train: sequence model (%s, %d epochs, events %s) on %d shoppers x %d items in %.1f s, %,d weights;"
                        + " wrote %s%n",
                config.describe(),
                config.epochs(),
                filter.flagName(),
                training.users(),
                training.items(),
                fit.seconds(),
                fit.weights().parameters(),
                dir.resolve(SEQUENCE_FILE));
    }

    /** The sequence model's settings: {@link SequenceModelConfig#defaults} with the flags' epochs and seed. */
    SequenceModelConfig sequenceConfig() {
        return SequenceModelConfig.defaults()
                .withEpochs((int) Ranges.between("--sequence-epochs", sequenceEpochs, 1, 10_000))
                .withNegatives(negatives(sequenceNegatives))
                .withSeed(Ranges.between("--seed", seed, 0, Integer.MAX_VALUE));
    }

    /** {@code --sequence-negatives}: a count of at least 1, or {@code all} ({@link SequenceModelConfig#ALL_ITEMS}). */
    static int negatives(String value) {
        if (value.equals("all")) {
            return SequenceModelConfig.ALL_ITEMS;
        }
        try {
            return (int) Ranges.between("--sequence-negatives", Long.parseLong(value), 1, Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            throw new UsageException("--sequence-negatives must be a count or all, got '" + value + "'");
        }
    }

    private static SequenceFilter sequenceFilter(String name) {
        try {
            return SequenceFilter.fromFlag(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--sequence-events must be positive or every-event, got '" + name + "'");
        }
    }

    /** The interactions to train on: the topic with {@code --bootstrap-servers}, else the files. */
    private Dataset input(PrintStream err) throws IOException {
        if (bootstrapServers == null) {
            if (!topic.equals(DEFAULT_TOPIC)) {
                throw new UsageException("--topic needs --bootstrap-servers H:P");
            }
            return data.load(line -> err.println("train: " + line)).dataset();
        }
        if (data.given()) {
            throw new UsageException(data.firstGiven() + " and --bootstrap-servers are two inputs: give one");
        }
        if (topic.isBlank()) {
            throw new UsageException("--topic must not be blank");
        }
        KafkaSettings kafka = new KafkaSettings(bootstrapServers, kafkaProperties.properties());
        InteractionTopicReader.Result read = InteractionTopicReader.read(
                kafka, topic, Topics.ERASURES, KAFKA_TIMEOUT, line -> err.println("train: " + line));
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

    /** The model's settings: the flags', the defaults of {@link ImplicitAls.Config} where none is given. */
    ImplicitAls.Config model() {
        ImplicitAls.Config defaults = ImplicitAls.Config.defaults();
        return defaults.withFactors((int) Ranges.between("--factors", factors, 1, Cholesky.MAX_SIZE))
                .withIterations((int) Ranges.between("--iterations", iterations, 1, Integer.MAX_VALUE))
                .withLambda(lambda(lambda))
                .withAlpha(Ranges.between("--alpha", alpha, 0, 1e9))
                .withThreads(
                        threads == null
                                ? defaults.threads()
                                : (int) Ranges.between("--threads", threads, 1, Integer.MAX_VALUE))
                .withSeed((int) Ranges.between("--seed", seed, 0, Integer.MAX_VALUE))
                .withSolver(solver(solverName));
    }

    private static void onlyWithServer(String flag, Object value) {
        if (value != null) {
            throw new UsageException(flag + " only applies with --server URL");
        }
    }

    /** λ must be positive: the fold-in solves with YᵀY + λI, which needs it to be invertible. */
    private static double lambda(double lambda) {
        if (!(lambda > 0) || lambda > 1e9) {
            throw new UsageException("--lambda must be above 0 and at most 1e9, got " + lambda);
        }
        return lambda;
    }

    private static ImplicitAls.Solver solver(String name) {
        return switch (name) {
            case "cg" -> ImplicitAls.Solver.CONJUGATE_GRADIENT;
            case "cholesky" -> ImplicitAls.Solver.CHOLESKY;
            default -> throw new UsageException("--solver must be cg or cholesky, got '" + name + "'");
        };
    }

    /** {@code --neighbour-window}: a positive number of items, or {@code none} for the plain cosine. */
    static int neighbourWindow(String value) {
        String text = value.strip();
        if ("none".equals(text)) {
            return ItemKnn.NO_WINDOW;
        }
        try {
            return (int) Ranges.between("--neighbour-window", Long.parseLong(text), 1, Integer.MAX_VALUE - 1);
        } catch (NumberFormatException e) {
            throw new UsageException("--neighbour-window must be a positive whole number or none, got '" + value + "'");
        }
    }
}
