package dev.recsys.tools.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KnnRecallBenchTest {
    private static List<float[]> randomVectors(int count, int dimension, long seed) {
        Random random = new Random(seed);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] v = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                v[d] = (float) random.nextGaussian();
            }
            vectors.add(KnnRecallBench.normalised(v));
        }
        return vectors;
    }

    @Test
    void exactAgainstExactHasRecallOne() {
        List<float[]> vectors = randomVectors(300, 16, 3);
        for (float[] query : KnnRecallBench.queries(vectors, 20, 0.5, new Random(1))) {
            int[] exact = KnnRecallBench.exactTopK(vectors, query, 10);
            assertEquals(10, exact.length);
            assertEquals(1.0, KnnRecallBench.recall(vectors, query, exact, exact));
        }
    }

    @Test
    void recallCountsMissesAndTiesFairly() {
        // Four unit vectors along the axes and a copy of the first: for query e0 the exact top 2 are {0, 4}
        // (cosine 1), and every other vector scores 0.
        List<float[]> vectors = List.of(
                new float[] {1, 0, 0, 0},
                new float[] {0, 1, 0, 0},
                new float[] {0, 0, 1, 0},
                new float[] {0, 0, 0, 1},
                new float[] {1, 0, 0, 0});
        float[] query = {1, 0, 0, 0};
        int[] exact = KnnRecallBench.exactTopK(vectors, query, 2);
        assertEquals(2, exact.length);
        assertEquals(1.0, KnnRecallBench.recall(vectors, query, new int[] {4, 0}, exact));
        assertEquals(0.5, KnnRecallBench.recall(vectors, query, new int[] {0, 2}, exact));
        assertEquals(0.5, KnnRecallBench.recall(vectors, query, new int[] {0, 0}, exact), "a repeated hit counts once");
        assertEquals(0.0, KnnRecallBench.recall(vectors, query, new int[] {}, exact));
    }

    @Test
    void exactTopKIsBestFirst() {
        List<float[]> vectors = List.of(new float[] {0.1f}, new float[] {0.9f}, new float[] {0.5f});
        assertArrayEquals(new int[] {1, 2}, KnnRecallBench.exactTopK(vectors, new float[] {1}, 2));
    }

    @Test
    void hnswOnASmallGeneratedCatalogFindsNearlyAllExactNeighbours() throws IOException {
        KnnRecallBench.Options options =
                KnnRecallBench.parse(new String[] {"--generated", "400", "--queries", "40", "--k", "5", "--seed", "3"});
        KnnRecallBench.Result result = KnnRecallBench.measure(options, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(40, result.queries());
        assertTrue(result.items() > 390, result.items() + " items with vectors");
        assertTrue(result.recall() > 0.9 && result.recall() <= 1.0, "recall " + result.recall());
        assertTrue(result.render().contains("recall@5 (mean)"), result.render());
    }

    @Test
    void badFlagsAreNamed() {
        assertTrue(assertThrows(UsageException.class, () -> KnnRecallBench.parse(new String[] {"--source", "x"}))
                .getMessage()
                .startsWith("--source must be FORMAT:PATH"));
        assertTrue(assertThrows(
                        UsageException.class,
                        () -> KnnRecallBench.parse(new String[] {"--generated", "5", "--source", "jsonl:x"}))
                .getMessage()
                .contains("exclude"));
        assertTrue(assertThrows(UsageException.class, () -> KnnRecallBench.parse(new String[] {"--k", "0"}))
                .getMessage()
                .startsWith("--k"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, assertDoesNotThrowRun(new String[] {"--source", "jsonl:/no/such/file"}, err));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("source"), err.toString(StandardCharsets.UTF_8));
    }

    private static int assertDoesNotThrowRun(String[] args, ByteArrayOutputStream err) {
        try {
            return KnnRecallBench.run(
                    args,
                    new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
