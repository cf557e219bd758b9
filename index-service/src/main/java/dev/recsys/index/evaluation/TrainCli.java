package dev.recsys.index.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.tools.Flags;
import dev.recsys.ranker.cf.AlsModel;
import dev.recsys.ranker.cf.ImplicitAls;
import dev.recsys.ranker.eval.TrainingData;
import dev.recsys.ranker.profile.ProfileConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code recsys train}: implicit ALS on all the interactions of a data set; writes {@code
 * item-factors.jsonl} (one {@code {"itemId", "cf": [...]}} per item with training interactions) and {@code
 * yty.json} ({@code {"factors", "lambda", "alpha", "yty": [k×k row-major]}}), what the stream job's fold-in
 * needs.
 *
 * <pre>
 *   --dataset movielens-small | --interactions FILE.csv --catalog FILE.jsonl
 *   [--factors 64] [--iterations 15] [--lambda 50] [--alpha 1] [--threads N] [--seed 42] [--solver cg|cholesky]
 *   --out DIR
 * </pre>
 */
public final class TrainCli {
    private TrainCli() {}

    public static void main(String[] argv) throws IOException {
        try {
            System.exit(run(argv));
        } catch (IllegalArgumentException e) {
            System.err.println("train: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] argv) throws IOException {
        Flags args = new Flags(
                argv,
                Set.of(
                        "--dataset",
                        "--datasets",
                        "--interactions",
                        "--catalog",
                        "--max-errors",
                        "--factors",
                        "--iterations",
                        "--lambda",
                        "--alpha",
                        "--threads",
                        "--seed",
                        "--solver",
                        "--out"),
                Set.of());
        if (!args.has("--out")) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        ImplicitAls.Config defaults = ImplicitAls.Config.defaults();
        ImplicitAls.Config config = defaults.withFactors(
                        (int) args.longValue("--factors", defaults.factors(), 1, Integer.MAX_VALUE))
                .withIterations((int) args.longValue("--iterations", defaults.iterations(), 1, Integer.MAX_VALUE))
                .withLambda(args.doubleValue("--lambda", defaults.lambda(), 0, 1e9))
                .withAlpha(args.doubleValue("--alpha", defaults.alpha(), 0, 1e9))
                .withThreads((int) args.longValue("--threads", defaults.threads(), 1, Integer.MAX_VALUE))
                .withSeed((int) args.longValue("--seed", (int) defaults.seed(), 0, Integer.MAX_VALUE))
                .withSolver(solver(args.string("--solver", "cg")));
        EvaluationData data = DataArgs.load(args, line -> System.err.println("train: " + line));
        TrainingData training = new TrainingData(
                data.dataset().users(),
                data.dataset().items(),
                data.dataset().interactions(),
                ProfileConfig.defaults());
        long started = System.nanoTime();
        AlsModel model = new ImplicitAls(config).train(training.matrix());
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Double> losses = model.losses();
        System.err.printf(
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
        Path out = Path.of(args.string("--out", ""));
        int written = write(out, model, data.dataset().itemIds(), training.popularity());
        System.err.println("train: wrote " + written + " item factors and yty.json to " + out);
        return 0;
    }

    private static ImplicitAls.Solver solver(String name) {
        return switch (name) {
            case "cg" -> ImplicitAls.Solver.CONJUGATE_GRADIENT;
            case "cholesky" -> ImplicitAls.Solver.CHOLESKY;
            default -> throw new IllegalArgumentException("--solver must be cg or cholesky, got '" + name + "'");
        };
    }

    /** Writes the two files; returns the number of item factors written. */
    static int write(Path dir, AlsModel model, List<String> itemIds, long[] interactions) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper();
        int written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("item-factors.jsonl"), StandardCharsets.UTF_8)) {
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
        Files.writeString(dir.resolve("yty.json"), json.writeValueAsString(yty) + "\n", StandardCharsets.UTF_8);
        return written;
    }
}
