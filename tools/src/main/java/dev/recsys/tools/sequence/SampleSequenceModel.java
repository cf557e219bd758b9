package dev.recsys.tools.sequence;

import dev.recsys.cli.Cli;
import dev.recsys.cli.Ranges;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.ranker.json.SequenceModelJson;
import dev.recsys.ranker.sequence.RandomWeights;
import dev.recsys.ranker.sequence.SequenceFilter;
import dev.recsys.ranker.sequence.SequenceModelConfig;
import dev.recsys.ranker.sequence.SequenceModelFile;
import dev.recsys.ranker.sequence.SequenceWeights;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes an untrained sequence model (seeded random weights, item embeddings clustered) of the trained model's default shape over the
 * items of a generated catalog ({@code --format generated --count N}), for load tests of serving at sizes
 * no data set here has: its forward pass and its {@code knn-seq} search cost what a trained model's do.
 * Nothing here is for recommending.
 */
@Command(
        name = "sample-sequence-model",
        description = "Writes a seeded random sequence model over a generated catalog's items, for load tests.")
public final class SampleSequenceModel implements Callable<Integer> {
    private static final int CLUSTERS = 1_000;

    @Option(names = "--count", paramLabel = "N", required = true, description = "the generated catalog's size")
    private long count;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "the model file to write")
    private Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "seed of the weights")
    private long seed;

    private final PrintStream log;

    SampleSequenceModel(PrintStream log) {
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        System.exit(Cli.run(new SampleSequenceModel(System.out), args, Map.of(), System.out, System.err));
    }

    @Override
    public Integer call() throws IOException {
        int items = (int) Ranges.between("--count", count, 1, 10_000_000);
        SequenceModelConfig shape = SequenceModelConfig.defaults();
        List<String> ids = new ArrayList<>(items);
        for (int i = 1; i <= items; i++) {
            ids.add(SampleCatalog.streamedId(i, items));
        }
        SequenceWeights random =
                RandomWeights.of(seed, 1, shape.maxLength(), shape.dimension(), shape.heads(), shape.layers(), 0.1);
        SequenceModelFile model = new SequenceModelFile(
                ids,
                SequenceFilter.EVERY_EVENT,
                new SequenceWeights(
                        random.heads(),
                        random.epsilon(),
                        clusteredItems(new Random(seed + 1), items, shape.dimension()),
                        random.positions(),
                        random.blocks(),
                        random.finalNorm()));
        Files.writeString(out, SequenceModelJson.write(model) + "\n", StandardCharsets.UTF_8);
        log.println("wrote " + model.describe() + " (random weights, seed " + seed + ") to " + out);
        return 0;
    }

    /**
     * Item embeddings drawn around {@value #CLUSTERS} centres, as trained ones gather by what is taken
     * together: uniform random vectors in 64 dimensions would make every HNSW search (and the graph's
     * build, 50 items/s at 500,000 items) visit most of the catalog, which no trained model's do.
     */
    private static float[][] clusteredItems(Random random, int items, int dimension) {
        float[][] centres = new float[CLUSTERS][dimension];
        for (float[] centre : centres) {
            for (int d = 0; d < dimension; d++) {
                centre[d] = (float) (random.nextGaussian() * 0.15);
            }
        }
        float[][] table = new float[items + 1][dimension]; // row 0 is padding
        for (int i = 1; i <= items; i++) {
            float[] centre = centres[random.nextInt(CLUSTERS)];
            for (int d = 0; d < dimension; d++) {
                table[i][d] = centre[d] + (float) (random.nextGaussian() * 0.05);
            }
        }
        return table;
    }
}
