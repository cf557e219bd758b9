package dev.recsys.index.generations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.IndexSettings;
import dev.recsys.index.catalog.ItemFilter;
import dev.recsys.index.catalog.sources.CatalogSource;
import dev.recsys.index.catalog.sources.CatalogSources;
import dev.recsys.index.embed.EmbedderSpec;
import dev.recsys.index.embed.Embedders;
import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.index.embed.TextEmbedder;
import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reindexing with the Transformer embedder, with no Kafka (no follower, no publisher): the embedding
 * phase fills the cache, a second generation of a partly changed catalog embeds only what changed, a
 * restart reopens the generation with the embedder it was built with, and a generation cannot be read
 * with another embedder.
 */
class ReindexEmbedderTest {
    private static final int ITEMS = 120;

    @TempDir
    Path data;

    private static List<CatalogItem> items(int changed) {
        List<CatalogItem> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            String title =
                    i < changed ? "Organic dark roast coffee beans, bag " + i : "Trail running sneaker size " + i;
            items.add(new CatalogItem(
                    "item-" + i,
                    title,
                    "a product of the test catalog",
                    i % 2 == 0 ? "shoes > running" : "pantry > coffee",
                    "brand " + (i % 7),
                    List.of(),
                    "seller-" + (i % 5),
                    "small",
                    9.99 + i,
                    true,
                    Instant.parse("2026-01-01T00:00:00Z"),
                    Map.of()));
        }
        return items;
    }

    private Path jsonl(List<CatalogItem> items, String name) throws IOException {
        List<String> lines = new ArrayList<>();
        for (CatalogItem item : items) {
            lines.add(dev.recsys.ranker.json.CatalogItemJson.write(item));
        }
        Path file = data.resolve(name);
        Files.write(file, lines);
        return file;
    }

    private static ReindexJob awaitDone(ReindexJob job) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!job.finished() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(ReindexJob.Phase.SUCCEEDED, job.phase(), job::failure);
        return job;
    }

    @Test
    void asecondGenerationEmbedsOnlyChangedTextsAndARestartReopensIt() throws Exception {
        CatalogSource first = CatalogSources.open(CatalogSources.JSONL, jsonl(items(0), "first.jsonl"));
        CatalogSource second = CatalogSources.open(CatalogSources.JSONL, jsonl(items(10), "second.jsonl"));
        float[] vectorBefore;
        try (Embedders embedders = Embedders.withCacheIn(data.resolve("embeddings"));
                LiveCatalog live = new LiveCatalog()) {
            GenerationStore store = new GenerationStore(data.resolve("index"), IndexSettings.DEFAULTS, embedders);
            try (Reindexer reindexer = new Reindexer(store, live, EmbedderSpec.TRANSFORMER, null, null)) {
                ReindexJob one = reindexer.runNow(first, 0);
                assertEquals(ReindexJob.Phase.SUCCEEDED, one.phase(), one::failure);
                assertEquals(ITEMS, one.embedded());
                assertEquals(0, one.cached());
                assertEquals("transformer:bge-small-en-v15-q", one.embedder());

                ReindexJob two = awaitDone(reindexer.start(second, 0, 0, null, null));
                assertEquals(10, two.embedded());
                assertEquals(ITEMS - 10, two.cached());
                assertEquals(2, live.generation());
                try (CatalogLease lease = live.acquire()) {
                    CatalogIndex index = lease.index();
                    assertEquals(384, index.dimension());
                    vectorBefore = index.contentVector("item-3");
                    assertEquals(
                            "item-3",
                            index.knn(index.contentVector("item-3"), 1, ItemFilter.NONE)
                                    .getFirst()
                                    .itemId());
                }
                assertEquals(
                        "transformer:bge-small-en-v15-q (384 dimensions)",
                        store.info(2).embedder());
            }
        }
        // A restart: new embedders and store over the same folder.
        try (Embedders embedders = Embedders.withCacheIn(data.resolve("embeddings"));
                LiveCatalog live = new LiveCatalog()) {
            GenerationStore store = new GenerationStore(data.resolve("index"), IndexSettings.DEFAULTS, embedders);
            try (CatalogIndex reopened = store.open(2)) {
                assertEquals(EmbedderSpec.TRANSFORMER, reopened.embedder().spec());
                assertTrue(
                        reopened.embedder() instanceof dev.recsys.index.embed.CenteredEmbedder,
                        () -> "reopened with the catalog mean saved beside it: " + reopened.embedder() + " "
                                + store.directory(2).toFile().list().length + " "
                                + String.join(",", store.directory(2).toFile().list()));
                assertTrue(Files.isRegularFile(store.directory(2).resolve(GenerationEmbedder.MEAN_FILE)));
                assertArrayEquals(vectorBefore, reopened.contentVector("item-3"));
            }
            try (Reindexer reindexer = new Reindexer(store, live, EmbedderSpec.TRANSFORMER, null, null)) {
                ReindexJob three = reindexer.runNow(second, 0);
                assertEquals(ReindexJob.Phase.SUCCEEDED, three.phase(), three::failure);
                assertEquals(0, three.embedded());
                assertEquals(ITEMS, three.cached());
            }
        }
    }

    @Test
    void aJobMayNameAnotherEmbedderAndAGenerationRefusesTheWrongOne() throws Exception {
        CatalogSource source = CatalogSources.open(CatalogSources.JSONL, jsonl(items(5), "catalog.jsonl"));
        try (Embedders embedders = Embedders.withCacheIn(data.resolve("embeddings"));
                LiveCatalog live = new LiveCatalog()) {
            GenerationStore store = new GenerationStore(data.resolve("index"), IndexSettings.DEFAULTS, embedders);
            try (Reindexer reindexer = new Reindexer(store, live, EmbedderSpec.HASHED, null, null)) {
                ReindexJob hashed = reindexer.runNow(source, 0);
                assertEquals(ReindexJob.Phase.SUCCEEDED, hashed.phase(), hashed::failure);
                assertEquals("hashed (256 dimensions)", store.info(1).embedder());
                awaitDone(reindexer.start(source, 0, 0, null, EmbedderSpec.TRANSFORMER));
                assertEquals(
                        "transformer:bge-small-en-v15-q (384 dimensions)",
                        store.info(2).embedder());
            }
            TextEmbedder wrong = HashedNgramEmbedder.untrained(HashedNgramEmbedder.DEFAULT_DIMENSION);
            IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> CatalogIndex.open(store.directory(2), wrong));
            assertTrue(
                    refused.getMessage().contains("was built by transformer:bge-small-en-v15-q with 384 dimensions")
                            && refused.getMessage().contains("cannot be read with hashed with 256 dimensions"),
                    refused.getMessage());
            TextEmbedder transformer = embedders.unfitted(EmbedderSpec.TRANSFORMER);
            IllegalArgumentException refusedToo = assertThrows(
                    IllegalArgumentException.class, () -> CatalogIndex.open(store.directory(1), transformer));
            assertTrue(
                    refusedToo.getMessage().contains("was built by hashed with 256 dimensions"),
                    refusedToo.getMessage());
        }
    }
}
