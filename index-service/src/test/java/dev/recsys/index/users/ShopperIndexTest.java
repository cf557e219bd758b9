package dev.recsys.index.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.records.UserVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ShopperIndexTest {

    static UserVectors shopper(String user, long version, float... cf) {
        return new UserVectors(user, version, 0, 0, new float[] {1}, cf, List.of(), Map.of());
    }

    private static List<String> ids(List<SimilarShopper> shoppers) {
        return shoppers.stream().map(SimilarShopper::userId).toList();
    }

    @Test
    void addsReplacesAndRemovesShoppers() {
        ShopperIndex index = new ShopperIndex();
        index.update(shopper("u1", 1, 1, 0));
        index.update(shopper("u2", 1, 0, 1));
        index.update(shopper("u3", 1, 1, 1));

        List<SimilarShopper> near = index.nearest(new float[] {2, 0}, 2, null);
        assertEquals(List.of("u1", "u3"), ids(near));
        assertEquals(1.0, near.get(0).similarity(), 1e-6);
        assertEquals(Math.sqrt(0.5), near.get(1).similarity(), 1e-6);

        assertTrue(index.update(shopper("u1", 2, 0, 1)), "a newer vector replaces");
        assertEquals(List.of("u3"), ids(index.nearest(new float[] {1, 0}, 1, null)));
        assertEquals(3, index.size());

        assertTrue(index.update(shopper("u3", 2, (float[]) null)), "a record without cf removes");
        assertFalse(index.contains("u3"));
        assertTrue(index.remove("u2"), "a tombstone removes");
        assertFalse(index.remove("u2"));
        assertEquals(List.of("u1"), ids(index.nearest(new float[] {1, 0}, 10, null)));
        assertEquals(1, index.size());
    }

    @Test
    void anOlderOrEqualVersionNeverReplacesANewerOne() {
        ShopperIndex index = new ShopperIndex();
        index.update(shopper("u1", 5, 1, 0));
        index.update(shopper("u2", 1, 0.8f, 0.6f));

        assertFalse(index.update(shopper("u1", 3, 0, 1)));
        assertFalse(index.update(shopper("u1", 5, 0, 1)));
        assertFalse(index.update(shopper("u1", 4, (float[]) null)), "nor removes it");
        assertEquals(List.of("u1", "u2"), ids(index.nearest(new float[] {1, 0}, 2, null)));

        assertTrue(index.update(shopper("u1", 6, 0, 1)));
        assertEquals(List.of("u2", "u1"), ids(index.nearest(new float[] {1, 0}, 2, null)));
    }

    @Test
    void leavesOutTheAskingShopperAndStillAnswersK() {
        ShopperIndex index = new ShopperIndex();
        for (int i = 0; i < 5; i++) {
            index.update(shopper("u" + i, 1, 1, i));
        }
        List<SimilarShopper> near = index.nearest(new float[] {1, 0}, 3, "u0");
        assertEquals(List.of("u1", "u2", "u3"), ids(near));
    }

    @Test
    void tiesListByUserId() {
        ShopperIndex index = new ShopperIndex();
        index.update(shopper("b", 1, 1, 0));
        index.update(shopper("c", 1, 2, 0));
        index.update(shopper("a", 1, 3, 0));
        assertEquals(List.of("a", "b", "c"), ids(index.nearest(new float[] {1, 0}, 3, null)));
    }

    @Test
    void vectorsWithoutDirectionAreNotIndexed() {
        ShopperIndex index = new ShopperIndex();
        index.update(shopper("zero", 1, 0, 0));
        index.update(shopper("nan", 1, Float.NaN, 1));
        index.update(shopper("empty", 1));
        index.update(shopper("ok", 1, 1, 0));

        assertEquals(1, index.size());
        assertEquals(List.of(), index.nearest(new float[] {0, 0}, 5, null));
        assertEquals(List.of(), index.nearest(null, 5, null));
        assertThrows(IllegalArgumentException.class, () -> index.nearest(new float[] {1, 0}, 0, null));
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        ShopperIndex index = new ShopperIndex(ShopperIndexConfig.defaults().withInitialCapacity(8));
        Random random = new Random(11);
        for (int i = 0; i < 300; i++) {
            index.update(shopper("u" + i, 1, randomVector(random, 8)));
        }
        assertEquals(300, index.size());
        assertTrue(index.capacity(8) >= 300, "capacity " + index.capacity(8));
        assertEquals(0, index.rebuilds(8), "growth alone resizes in place");
    }

    @Test
    void reclaimsTheNodesOfReplacedVectors() {
        ShopperIndex index = new ShopperIndex(ShopperIndexConfig.defaults().withInitialCapacity(8));
        Random random = new Random(12);
        float[][] latest = new float[20][];
        for (int version = 1; version <= 100; version++) {
            for (int u = 0; u < latest.length; u++) {
                latest[u] = randomVector(random, 6);
                index.update(shopper("u" + u, version, latest[u]));
            }
        }
        assertEquals(20, index.size());
        assertTrue(index.rebuilds(6) > 0);
        // 2,000 updates of 20 shoppers: the graph stays within a few times the live count.
        assertTrue(index.capacity(6) <= 64, "capacity " + index.capacity(6));
        for (int u = 0; u < latest.length; u++) {
            SimilarShopper nearest = index.nearest(latest[u], 1, null).get(0);
            assertEquals("u" + u, nearest.userId());
            assertEquals(1.0, nearest.similarity(), 1e-5);
        }
    }

    @Test
    void aShopperRemovedByATombstoneMayComeBackWithALowerVersion() {
        ShopperIndex index = new ShopperIndex();
        index.update(shopper("u1", 10, 1, 0));
        index.update(shopper("u2", 1, 0, 1));
        index.remove("u1");

        assertTrue(index.update(shopper("u1", 3, 1, 0)));
        assertEquals(List.of("u1"), ids(index.nearest(new float[] {1, 0}, 1, null)));
        assertEquals(2, index.size());
        assertEquals(0, index.rebuilds(2), "the graph takes the lower version without a rebuild");
    }

    @Test
    void aRecordAfterAnErasureReplacesAnyVersionAndOlderLivesNeverComeBack() {
        ShopperIndex index = new ShopperIndex();
        index.update(shopper("u1", 500, 1, 0));
        index.update(shopper("u2", 1, 0.8f, 0.6f));

        assertTrue(index.update(shopper("u1", 1, 0, 1).withErasedUpTo(1_000)), "a later erasure wins");
        assertEquals(List.of("u2", "u1"), ids(index.nearest(new float[] {1, 0}, 2, null)));
        assertEquals(0, index.rebuilds(2));

        assertFalse(index.update(shopper("u1", 501, 1, 0)), "a record from before the erasure");
        assertFalse(index.update(shopper("u1", 2, 1, 0).withErasedUpTo(900)), "or an earlier erasure");
        assertEquals(List.of("u2", "u1"), ids(index.nearest(new float[] {1, 0}, 2, null)));
        assertTrue(index.update(shopper("u1", 2, 1, 0).withErasedUpTo(1_000)), "the new life goes on by version");
        assertEquals(List.of("u1", "u2"), ids(index.nearest(new float[] {1, 0}, 2, null)));
        assertEquals(2, index.size());
    }

    @Test
    void aVectorOfAnotherDimensionMovesTheShopperToTheGraphOfThatDimension() {
        ShopperIndex index = new ShopperIndex();
        index.update(shopper("a", 1, 1, 0, 0));
        index.update(shopper("b", 1, 0, 1, 0));
        index.update(shopper("c", 1, 1, 0, 0, 0, 0));
        assertEquals(Set.of(3, 5), index.dimensions());
        assertEquals(3, index.size());

        assertEquals(List.of("a", "b"), ids(index.nearest(new float[] {1, 0, 0}, 5, null)));
        assertEquals(List.of("c"), ids(index.nearest(new float[] {1, 0, 0, 0, 0}, 5, null)));
        assertEquals(List.of(), index.nearest(new float[] {1, 0, 0, 0}, 5, null), "no graph of that dimension");

        index.update(shopper("a", 2, 0, 1, 0, 0, 0));
        assertEquals(List.of("b"), ids(index.nearest(new float[] {1, 0, 0}, 5, null)));
        assertEquals(List.of("a", "c"), ids(index.nearest(new float[] {0, 1, 0, 0, 0}, 5, null)));

        index.update(shopper("b", 2, 0, 0, 1, 0, 0));
        assertEquals(Set.of(5), index.dimensions(), "the emptied graph is dropped");
        assertEquals(3, index.size());

        index.update(shopper("c", 2, 1, 0, 0));
        assertEquals(Set.of(3, 5), index.dimensions(), "and a shopper may go back");
        assertEquals(List.of("c"), ids(index.nearest(new float[] {1, 0, 0}, 5, null)));
    }

    @Test
    void findsNearlyAllExactNeighboursAfterChurn() {
        int shoppers = 2_000;
        int dimension = 16;
        int k = 10;
        Random random = new Random(42);
        ShopperIndex index = new ShopperIndex();
        float[][] vectors = new float[shoppers][];
        for (int i = 0; i < shoppers; i++) {
            vectors[i] = randomVector(random, dimension);
            index.update(shopper("u" + i, 1, vectors[i]));
        }
        // Every other shopper moves and every tenth leaves: the graph keeps their deleted nodes.
        for (int i = 0; i < shoppers; i += 2) {
            vectors[i] = randomVector(random, dimension);
            index.update(shopper("u" + i, 2, vectors[i]));
        }
        for (int i = 5; i < shoppers; i += 10) {
            vectors[i] = null;
            index.remove("u" + i);
        }

        int queries = 200;
        int found = 0;
        for (int q = 0; q < queries; q++) {
            float[] query = randomVector(random, dimension);
            Set<String> exact = Set.copyOf(ids(bruteForce(vectors, query, k)));
            List<SimilarShopper> hits = index.nearest(query, k, null);
            assertEquals(k, hits.size());
            for (SimilarShopper hit : hits) {
                found += exact.contains(hit.userId()) ? 1 : 0;
            }
        }
        double recall = (double) found / (queries * k);
        assertTrue(recall >= 0.9, "recall@10 " + recall);
    }

    @Test
    void readersSearchWhileTheGraphGrows() throws Exception {
        ShopperIndex index = new ShopperIndex(ShopperIndexConfig.defaults().withInitialCapacity(16));
        index.update(shopper("seed", 1, 1, 0, 0, 0));
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                long seed = r;
                readers.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    int searches = 0;
                    while (writing.get() || searches == 0) {
                        List<SimilarShopper> near = index.nearest(randomVector(random, 4), 5, null);
                        if (near.isEmpty()) {
                            throw new AssertionError("the seed shopper is always there");
                        }
                        searches++;
                    }
                    return searches;
                }));
            }
            Random random = new Random(3);
            for (int version = 1; version <= 3; version++) {
                for (int i = 0; i < 1_000; i++) {
                    index.update(shopper("u" + i, version, randomVector(random, 4)));
                }
            }
            writing.set(false);
            for (Future<Integer> reader : readers) {
                assertTrue(reader.get() > 0);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertEquals(1_001, index.size());
    }

    static float[] randomVector(Random random, int dimension) {
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }

    private static List<SimilarShopper> bruteForce(float[][] vectors, float[] query, int k) {
        List<SimilarShopper> all = new ArrayList<>(vectors.length);
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] != null) {
                all.add(new SimilarShopper("u" + i, cosine(vectors[i], query)));
            }
        }
        all.sort(SimilarShopper.MOST_SIMILAR_FIRST);
        return all.subList(0, k);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
