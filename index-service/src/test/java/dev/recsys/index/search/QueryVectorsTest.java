package dev.recsys.index.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.index.embed.EmbedderSpec;
import dev.recsys.index.embed.TextEmbedder;
import dev.recsys.ranker.records.CatalogItem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A query is embedded once per embedder while it stays in the bounded cache. The embedder is a fake. */
class QueryVectorsTest {
    /** Counts its calls; the vector is the text's length. */
    private static class CountingEmbedder implements TextEmbedder {
        final List<String> embedded = new ArrayList<>();
        private final TextEmbedder queries;

        CountingEmbedder(TextEmbedder queries) {
            this.queries = queries;
        }

        @Override
        public EmbedderSpec spec() {
            return EmbedderSpec.HASHED;
        }

        @Override
        public String textOf(CatalogItem item) {
            return item.title();
        }

        @Override
        public TextEmbedder forQueries() {
            return queries == null ? this : queries;
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public float[] embed(String text) {
            embedded.add(text);
            return new float[] {text.length()};
        }
    }

    @Test
    void aRepeatedQueryIsEmbeddedOnceAndAnotherEmbedderEmbedsItAgain() {
        QueryVectors vectors = new QueryVectors(100);
        CountingEmbedder first = new CountingEmbedder(null);
        CountingEmbedder second = new CountingEmbedder(null);
        assertArrayEquals(new float[] {13}, vectors.of(first, "running shoes"));
        vectors.of(first, "running shoes");
        vectors.of(first, "dark roast");
        assertEquals(List.of("running shoes", "dark roast"), first.embedded);
        vectors.of(second, "running shoes");
        assertEquals(List.of("running shoes"), second.embedded, "a new generation's embedder has its own entries");
        assertEquals(1, vectors.hits());
        assertEquals(3, vectors.misses());
    }

    @Test
    void queriesGoThroughTheEmbeddersQueryEmbedder() {
        CountingEmbedder model = new CountingEmbedder(null);
        CountingEmbedder catalog = new CountingEmbedder(model);
        new QueryVectors(10).of(catalog, "baby wipes");
        assertEquals(List.of(), catalog.embedded);
        assertEquals(List.of("baby wipes"), model.embedded);
    }

    /**
     * New queries are embedded side by side, never one behind another: eight requests for eight new
     * queries meet inside the embedder.
     */
    @Test
    void newQueriesAreEmbeddedConcurrently() throws Exception {
        int threads = 8;
        CyclicBarrier allInside = new CyclicBarrier(threads);
        TextEmbedder meeting = new CountingEmbedder(null) {
            @Override
            public float[] embed(String text) {
                try {
                    allInside.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the queries were not embedded side by side", e);
                }
                return new float[] {text.length()};
            }
        };
        QueryVectors vectors = new QueryVectors(1_000);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<float[]>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String query = "new query " + i;
                answers.add(pool.submit(() -> vectors.of(meeting, query)));
            }
            for (Future<float[]> answer : answers) {
                assertEquals(11, answer.get(20, TimeUnit.SECONDS)[0]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCacheIsBounded() {
        QueryVectors vectors = new QueryVectors(50);
        CountingEmbedder embedder = new CountingEmbedder(null);
        for (int i = 0; i < 2_000; i++) {
            vectors.of(embedder, "query " + i);
        }
        embedder.embedded.clear();
        for (int i = 0; i < 2_000; i++) {
            vectors.of(embedder, "query " + i);
        }
        assertEquals(true, embedder.embedded.size() > 1_900, "at most 50 of 2,000 queries are kept");
    }
}
