package dev.recsys.index.embed;

import dev.recsys.index.catalog.sources.CatalogSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link TransformerEmbedder#embedAll} over the first {@value #NAMES} Instacart product names (8.8 tokens
 * each), one thread per core as a reindex runs it; the score is microseconds per item, so items per
 * second is 10⁶ over it. The names come from {@code ../shared/data} beside the project, or the folder the
 * system property {@code recsys.shared.data} names.
 *
 * <pre>
 * MODULE=index-service bench/jmh.sh TransformerEmbedderThroughputBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class TransformerEmbedderThroughputBenchmark {
    /** Names per invocation: enough to spread over the threads, few enough for several in an iteration. */
    static final int NAMES = 2_000;

    private TransformerEmbedder embedder;
    private List<String> names;

    @Setup
    public void open() throws IOException {
        Path root = Path.of(System.getProperty("recsys.shared.data", "../shared/data"));
        Path products = root.resolve("instacart-products").resolve("products.csv");
        if (!Files.isRegularFile(products)) {
            throw new IllegalStateException("no " + products + "; set -Drecsys.shared.data=DIR");
        }
        names = new ArrayList<>();
        // The catalog's own Instacart reader: an item's title is its product_name.
        CatalogSources.open(CatalogSources.INSTACART, products)
                .read(
                        item -> {
                            if (names.size() < NAMES) {
                                names.add(item.title());
                            }
                        },
                        error -> {});
        embedder = TransformerEmbedder.open();
    }

    @TearDown
    public void close() {
        embedder.close();
    }

    @Benchmark
    @OperationsPerInvocation(NAMES)
    public float[][] embedAll() {
        return embedder.embedAll(names);
    }
}
