package dev.recsys.index.evaluation;

import dev.recsys.index.tools.Flags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The input flags shared by the tools: {@code --dataset NAME} or {@code --interactions F --catalog F}. */
final class DataArgs {
    static final int DEFAULT_MAX_ERRORS = 100;

    private DataArgs() {}

    static EvaluationData load(Flags args, Consumer<String> warn) throws IOException {
        int maxErrors = (int) args.longValue("--max-errors", DEFAULT_MAX_ERRORS, 0, Integer.MAX_VALUE);
        if (args.has("--dataset") == args.has("--interactions")) {
            throw new IllegalArgumentException(
                    "give either --dataset NAME or --interactions FILE.csv --catalog FILE.jsonl");
        }
        if (args.has("--dataset")) {
            String name = args.string("--dataset", "");
            if (!name.equals("movielens-small")) {
                throw new IllegalArgumentException("--dataset must be movielens-small, got '" + name + "'");
            }
            return EvaluationData.movieLens(datasetDir(args, name), maxErrors, warn);
        }
        if (!args.has("--catalog")) {
            throw new IllegalArgumentException("--interactions needs --catalog FILE.jsonl");
        }
        return EvaluationData.csv(
                Path.of(args.string("--interactions", "")), Path.of(args.string("--catalog", "")), maxErrors, warn);
    }

    /** {@code --datasets DIR}/name, or {@code datasets/name} in the working directory or one of its parents. */
    static Path datasetDir(Flags args, String name) {
        if (args.has("--datasets")) {
            return Path.of(args.string("--datasets", "")).resolve(name);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("datasets").resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no datasets/" + name + " folder in "
                + Path.of("").toAbsolutePath() + " or its parents; give --datasets DIR");
    }
}
