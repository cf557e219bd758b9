package dev.recsys.tools.catalog;

import dev.recsys.cli.Converters;
import dev.recsys.cli.Ranges;
import dev.recsys.cli.UsageException;
import dev.recsys.index.catalog.IndexSettings;
import dev.recsys.index.catalog.sources.CatalogSource;
import dev.recsys.index.catalog.sources.CatalogSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The flags of {@code ./recsys knn-recall} and their checks, turned into {@link KnnRecallBench.Options};
 * apart from the measurement so the command line reads on its own.
 */
@Command(
        name = "recsys knn-recall",
        description = "HNSW recall@k of the catalog index against exact search, on a temporary index built with"
                + " the serving settings; also the latency of both.")
final class KnnRecallFlags implements Callable<Integer> {
    @Option(
            names = "--source",
            paramLabel = "FORMAT:PATH",
            description = "a catalog to index, e.g. instacart:../shared/data/instacart-products (default: a generated"
                    + " one)")
    private String source;

    @Option(
            names = "--generated",
            paramLabel = "N",
            converter = Converters.WholeNumber.class,
            description = "items of the generated catalog (default 20000)")
    private Long generated;

    @Option(names = "--queries", paramLabel = "N", defaultValue = "500", description = "seeded random queries")
    private long queries;

    @Option(names = "--k", paramLabel = "K", defaultValue = "10", description = "neighbours per query")
    private long k;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            converter = Converters.WholeNumber.class,
            description = "seed of the queries")
    private long seed;

    @Option(
            names = "--max-conn",
            paramLabel = "N",
            defaultValue = "" + IndexSettings.DEFAULT_MAX_CONN,
            description = "HNSW links per node")
    private long maxConn;

    @Option(
            names = "--beam-width",
            paramLabel = "N",
            defaultValue = "" + IndexSettings.DEFAULT_BEAM_WIDTH,
            description = "HNSW candidates kept while building")
    private long beamWidth;

    @Option(names = "--quantized", description = "index int8-quantised vectors, as the service can")
    private boolean quantized;

    @Option(
            names = "--noise",
            paramLabel = "SIGMA",
            defaultValue = "0.5",
            converter = Converters.FiniteNumber.class,
            description = "Gaussian noise added to an item's vector to make a query")
    private double noise;

    private final Measurement measurement;

    KnnRecallFlags(Measurement measurement) {
        this.measurement = measurement;
    }

    @Override
    public Integer call() throws IOException {
        return measurement.run(options());
    }

    KnnRecallBench.Options options() {
        if (source != null && generated != null) {
            throw new UsageException("--source and --generated exclude each other");
        }
        CatalogSource catalog;
        if (source != null) {
            int colon = source.indexOf(':');
            if (colon <= 0) {
                throw new UsageException(
                        "--source must be FORMAT:PATH, e.g. instacart:../shared/data/instacart-products," + " got '"
                                + source + "'");
            }
            try {
                catalog = CatalogSources.open(source.substring(0, colon), Path.of(source.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--source: " + e.getMessage(), e);
            }
        } else {
            catalog = CatalogSources.generated(
                    Ranges.between("--generated", generated == null ? 20_000 : generated, 1, 5_000_000), 42);
        }
        IndexSettings settings = IndexSettings.DEFAULTS
                .withHnsw((int) Ranges.between("--max-conn", maxConn, 1, 512), (int)
                        Ranges.between("--beam-width", beamWidth, 1, 3200))
                .withQuantized(quantized);
        return new KnnRecallBench.Options(
                catalog,
                (int) Ranges.between("--queries", queries, 1, 100_000),
                (int) Ranges.between("--k", k, 1, 1_000),
                seed,
                settings,
                Ranges.between("--noise", noise, 0, 10));
    }

    /** What runs once the flags are checked. */
    @FunctionalInterface
    interface Measurement {
        int run(KnnRecallBench.Options options) throws IOException;
    }
}
