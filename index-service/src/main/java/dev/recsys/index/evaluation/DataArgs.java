package dev.recsys.index.evaluation;

import dev.recsys.index.tools.Flags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The input flags shared by the tools: {@code --dataset NAME} or {@code --interactions F --catalog F}.
 * {@code movielens-small} ships with the project ({@code datasets/}); {@code instacart-baskets} is read from the
 * shared data folder beside it ({@code shared/data/instacart-products}), whose licence does not allow a copy.
 */
final class DataArgs {
    static final int DEFAULT_MAX_ERRORS = 100;
    static final String MOVIELENS = "movielens-small";
    static final String INSTACART = "instacart-baskets";

    private DataArgs() {}

    static EvaluationData load(Flags args, Consumer<String> warn) throws IOException {
        int maxErrors = (int) args.longValue("--max-errors", DEFAULT_MAX_ERRORS, 0, Integer.MAX_VALUE);
        if (args.has("--dataset") == args.has("--interactions")) {
            throw new IllegalArgumentException(
                    "give either --dataset NAME or --interactions FILE.csv --catalog FILE.jsonl");
        }
        if (args.has("--dataset")) {
            String name = args.string("--dataset", "");
            return switch (name) {
                case MOVIELENS -> EvaluationData.movieLens(datasetDir(args, "datasets", name), maxErrors, warn);
                case INSTACART ->
                    EvaluationData.instacartBaskets(
                            datasetDir(args, "shared/data", "instacart-products"), maxErrors, warn);
                default ->
                    throw new IllegalArgumentException(
                            "--dataset must be " + MOVIELENS + " or " + INSTACART + ", got '" + name + "'");
            };
        }
        if (!args.has("--catalog")) {
            throw new IllegalArgumentException("--interactions needs --catalog FILE.jsonl");
        }
        return EvaluationData.csv(
                Path.of(args.string("--interactions", "")), Path.of(args.string("--catalog", "")), maxErrors, warn);
    }

    /**
     * {@code --datasets DIR}/folder, or {@code parent/folder} in the working directory or one of its parents.
     */
    static Path datasetDir(Flags args, String parent, String folder) {
        if (args.has("--datasets")) {
            return Path.of(args.string("--datasets", "")).resolve(folder);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(parent).resolve(folder);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no " + parent + "/" + folder + " folder in "
                + Path.of("").toAbsolutePath() + " or its parents; give --datasets DIR");
    }
}
