package dev.recsys.tools.evaluation;

import dev.recsys.cli.Ranges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The input flags shared by the tools: {@code --dataset NAME} or {@code --interactions F --catalog F}.
 * {@code movielens-small} ships with the project ({@code datasets/}); {@code instacart-baskets} is read from the
 * shared data folder beside it ({@code shared/data/instacart-products}), whose licence does not allow a copy.
 * Mixed into {@code train} and {@code evaluate} ({@code @Mixin DataArgs data;}).
 */
final class DataArgs {
    static final int DEFAULT_MAX_ERRORS = 100;
    static final String MOVIELENS = "movielens-small";
    static final String INSTACART = "instacart-baskets";

    @Option(
            names = "--dataset",
            paramLabel = "NAME",
            description = MOVIELENS + " (shipped in datasets/) or " + INSTACART + " (read from ../shared/data)")
    private String dataset;

    @Option(
            names = "--datasets",
            paramLabel = "DIR",
            description = "where the data sets are (default: datasets/ or shared/data/ in the working directory or one"
                    + " of its parents)")
    private Path datasets;

    @Option(
            names = "--interactions",
            paramLabel = "FILE.csv",
            description = "an interaction log with the columns user,item,ts[,type][,rating], with --catalog")
    private Path interactions;

    @Option(names = "--catalog", paramLabel = "FILE.jsonl", description = "the catalog of --interactions")
    private Path catalog;

    @Option(
            names = "--max-errors",
            paramLabel = "N",
            defaultValue = "" + DEFAULT_MAX_ERRORS,
            description = "malformed rows skipped before the load stops")
    private long maxErrors;

    /** Whether any input flag is given. */
    boolean given() {
        return dataset != null || interactions != null || catalog != null;
    }

    /** The first input flag given, for a message about two inputs. */
    String firstGiven() {
        return dataset != null ? "--dataset" : interactions != null ? "--interactions" : "--catalog";
    }

    /** The {@code --dataset} name, or {@code null}. */
    String dataset() {
        return dataset;
    }

    EvaluationData load(Consumer<String> warn) throws IOException {
        int maxErrors = (int) Ranges.between("--max-errors", this.maxErrors, 0, Integer.MAX_VALUE);
        if ((dataset != null) == (interactions != null)) {
            throw new IllegalArgumentException(
                    "give either --dataset NAME or --interactions FILE.csv --catalog FILE.jsonl");
        }
        if (dataset != null) {
            return switch (dataset) {
                case MOVIELENS -> EvaluationData.movieLens(datasetDir("datasets", dataset), maxErrors, warn);
                case INSTACART ->
                    EvaluationData.instacartBaskets(datasetDir("shared/data", "instacart-products"), maxErrors, warn);
                default ->
                    throw new IllegalArgumentException(
                            "--dataset must be " + MOVIELENS + " or " + INSTACART + ", got '" + dataset + "'");
            };
        }
        if (catalog == null) {
            throw new IllegalArgumentException("--interactions needs --catalog FILE.jsonl");
        }
        return EvaluationData.csv(interactions, catalog, maxErrors, warn);
    }

    /**
     * {@code --datasets DIR}/folder, or {@code parent/folder} in the working directory or one of its parents.
     */
    Path datasetDir(String parent, String folder) {
        if (datasets != null) {
            return datasets.resolve(folder);
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
