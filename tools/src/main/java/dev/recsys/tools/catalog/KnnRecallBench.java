package dev.recsys.tools.catalog;

import dev.recsys.cli.Cli;
import dev.recsys.cli.UsageException;
import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.Hit;
import dev.recsys.index.catalog.IndexSettings;
import dev.recsys.index.catalog.ItemFilter;
import dev.recsys.index.catalog.sources.CatalogSource;
import dev.recsys.index.catalog.sources.LineError;
import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How much the HNSW graph of the catalog index loses against exact search: builds a catalog index in a
 * temporary folder with the serving settings ({@link IndexSettings}; embedder fitted on the catalog and the
 * index written by {@link CatalogIndex#builder}, both streaming, as a reindex does), then for seeded random queries (an item's content vector plus Gaussian noise) compares
 * {@link CatalogIndex#knn} with exact brute-force cosine over every item vector, and prints the mean
 * recall@k and the latency p50/p99 of both.
 *
 * <p>Recall counts an HNSW hit as right when its exact cosine is at least that of the exact k-th neighbour
 * (less 1e-6), so items with identical vectors (same text) tie fairly instead of counting as misses. The
 * first {@value #WARM_UP_QUERIES} queries run once untimed first, so the latencies are not the JIT's.
 *
 * <p>Usage: {@code ./recsys knn-recall [--source FORMAT:PATH | --generated N] [--queries 500] [--k 10]
 * [--seed 1] [--max-conn 32] [--beam-width 200] [--quantized] [--noise 0.5]}. Default: {@code --generated
 * 20000}.
 */
public final class KnnRecallBench {
    /** The flags, as {@code --help} and docs/CONFIGURATION.md show them. */
    public static CommandSpec spec() {
        return Cli.spec(new KnnRecallFlags(options -> 0));
    }

    static final int WARM_UP_QUERIES = 50;

    record Options(CatalogSource source, int queries, int k, long seed, IndexSettings settings, double noise) {}

    /** Mean recall@k and the latencies (nanoseconds, one per query) of HNSW and exact search. */
    record Result(
            int items, int queries, int k, double recall, long[] hnswNanos, long[] exactNanos, double buildSeconds) {
        String render() {
            return String.format(
                    Locale.ROOT,
                    "%d items, %d queries, k=%d, index built in %.1f s%n"
                            + "recall@%d (mean) %.4f%n"
                            + "hnsw  latency p50 %.3f ms  p99 %.3f ms%n"
                            + "exact latency p50 %.3f ms  p99 %.3f ms",
                    items,
                    queries,
                    k,
                    buildSeconds,
                    k,
                    recall,
                    percentile(hnswNanos, 50) / 1e6,
                    percentile(hnswNanos, 99) / 1e6,
                    percentile(exactNanos, 50) / 1e6,
                    percentile(exactNanos, 99) / 1e6);
        }
    }

    private KnnRecallBench() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        try {
            return Cli.run(new KnnRecallFlags(options -> run(options, out, err)), args, Map.of(), out, err);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int run(Options options, PrintStream out, PrintStream err) throws IOException {
        err.println("knn-recall: indexing " + options.source().description());
        Result result = measure(options, err);
        out.println(result.render());
        return 0;
    }

    /** Parses and checks the flags ({@link KnnRecallFlags}); a bad one is a {@link UsageException} naming it. */
    static Options parse(String[] args) {
        return Cli.parse(new KnnRecallFlags(options -> 0), args, Map.of()).options();
    }

    /**
     * Builds the index in a temporary folder (deleted afterwards) in two streaming passes over the source (fit
     * the embedder, then index, as a reindex does) and runs the queries. Only the item vectors are held.
     */
    static Result measure(Options options, PrintStream err) throws IOException {
        Path folder = Files.createTempDirectory("knn-recall-");
        try {
            long start = System.nanoTime();
            List<LineError> errors = new ArrayList<>();
            HashedNgramEmbedder.Fitter fitter = HashedNgramEmbedder.fitter(HashedNgramEmbedder.DEFAULT_DIMENSION);
            options.source().read(fitter::addItem, errors::add);
            if (!errors.isEmpty()) {
                err.println("knn-recall: " + errors.size() + " records skipped, first: " + errors.get(0));
            }
            HashedNgramEmbedder embedder = fitter.fit();
            CatalogIndex built;
            try (CatalogIndex.Builder builder =
                    CatalogIndex.builder(folder.resolve("index"), embedder, 1, options.settings())) {
                options.source().read(item -> add(builder, item), error -> {});
                built = builder.finish(Map.of());
            }
            try (CatalogIndex index = built) {
                double buildSeconds = (System.nanoTime() - start) / 1e9;
                List<String> ids = new ArrayList<>();
                List<float[]> vectors = new ArrayList<>();
                index.forEach((item, vector) -> {
                    if (norm(vector) > 0) {
                        ids.add(item.itemId());
                        vectors.add(normalised(vector));
                    }
                });
                if (vectors.isEmpty()) {
                    throw new IllegalArgumentException("no item has a content vector");
                }
                Random random = new Random(options.seed());
                List<float[]> queries = queries(vectors, options.queries(), options.noise(), random);
                int k = Math.min(options.k(), vectors.size());
                long[] hnswNanos = new long[queries.size()];
                long[] exactNanos = new long[queries.size()];
                Map<String, Integer> position = new HashMap<>();
                for (int i = 0; i < ids.size(); i++) {
                    position.put(ids.get(i), i);
                }
                // Warm-up (untimed): the first queries would otherwise time the JIT compiler.
                for (int q = 0; q < Math.min(WARM_UP_QUERIES, queries.size()); q++) {
                    index.knn(queries.get(q), k, ItemFilter.NONE);
                    exactTopK(vectors, queries.get(q), k);
                }
                double recallSum = 0;
                for (int q = 0; q < queries.size(); q++) {
                    float[] query = queries.get(q);
                    long t0 = System.nanoTime();
                    List<Hit> hits = index.knn(query, k, ItemFilter.NONE);
                    long t1 = System.nanoTime();
                    int[] exact = exactTopK(vectors, query, k);
                    long t2 = System.nanoTime();
                    hnswNanos[q] = t1 - t0;
                    exactNanos[q] = t2 - t1;
                    int[] approx = hits.stream()
                            .map(Hit::itemId)
                            .map(position::get)
                            .filter(p -> p != null)
                            .mapToInt(Integer::intValue)
                            .toArray();
                    recallSum += recall(vectors, query, approx, exact);
                }
                return new Result(
                        vectors.size(),
                        queries.size(),
                        k,
                        recallSum / queries.size(),
                        hnswNanos,
                        exactNanos,
                        buildSeconds);
            }
        } finally {
            deleteTree(folder);
        }
    }

    private static void add(CatalogIndex.Builder builder, CatalogItem item) {
        try {
            builder.add(item);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seeded queries: a random item's vector plus Gaussian noise of total norm about {@code noise}, normalised. */
    static List<float[]> queries(List<float[]> vectors, int count, double noise, Random random) {
        List<float[]> queries = new ArrayList<>(count);
        for (int q = 0; q < count; q++) {
            float[] base = vectors.get(random.nextInt(vectors.size()));
            float[] query = new float[base.length];
            double sigma = noise / Math.sqrt(base.length);
            for (int d = 0; d < base.length; d++) {
                query[d] = (float) (base[d] + random.nextGaussian() * sigma);
            }
            queries.add(normalised(query));
        }
        return queries;
    }

    /** Positions of the {@code k} vectors with the highest dot product with {@code query}, best first. */
    static int[] exactTopK(List<float[]> vectors, float[] query, int k) {
        PriorityQueue<double[]> heap = new PriorityQueue<>(Comparator.comparingDouble(entry -> entry[0]));
        for (int i = 0; i < vectors.size(); i++) {
            double score = dot(vectors.get(i), query);
            if (heap.size() < k) {
                heap.add(new double[] {score, i});
            } else if (score > heap.peek()[0]) {
                heap.poll();
                heap.add(new double[] {score, i});
            }
        }
        int[] top = new int[heap.size()];
        for (int i = top.length - 1; i >= 0; i--) {
            top[i] = (int) heap.poll()[1];
        }
        return top;
    }

    /**
     * The share of the exact top {@code k} ({@code exact.length}) that {@code approx} found, where an approximate
     * hit counts when its exact score is at least the k-th exact score less 1e-6 (ties with equal vectors).
     */
    static double recall(List<float[]> vectors, float[] query, int[] approx, int[] exact) {
        if (exact.length == 0) {
            return 1;
        }
        double kth = dot(vectors.get(exact[exact.length - 1]), query);
        long found = Arrays.stream(approx)
                .distinct()
                .filter(i -> dot(vectors.get(i), query) >= kth - 1e-6)
                .count();
        return Math.min(1.0, (double) found / exact.length);
    }

    static double percentile(long[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    static float[] normalised(float[] v) {
        double n = norm(v);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / n);
        }
        return out;
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
