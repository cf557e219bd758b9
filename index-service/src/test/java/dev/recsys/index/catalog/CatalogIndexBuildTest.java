package dev.recsys.index.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.ranker.records.CatalogItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogIndexBuildTest {
    @TempDir
    Path directory;

    @Test
    void aGenerationFlushedInManySegmentsIsServedFromOne() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(3_000, 5);
        HashedNgramEmbedder embedder = HashedNgramEmbedder.fitCatalog(items, 32);
        Path generation = directory.resolve("gen-1");
        // A 1 MiB buffer flushes a segment every few hundred items.
        IndexSettings smallBuffer = new IndexSettings(16, 100, false, 1);
        try (CatalogIndex.Builder builder = CatalogIndex.builder(generation, embedder, 1, smallBuffer)) {
            for (CatalogItem item : items) {
                builder.add(item);
            }
            try (CatalogIndex index = builder.finish(Map.of())) {
                assertEquals(1, segments(generation));
                assertEquals(3_000, index.size());
                assertEquals(
                        items.get(1234), index.item(items.get(1234).itemId()).orElseThrow());
            }
        }
    }

    private static long segments(Path generation) throws Exception {
        try (Stream<Path> files = Files.list(generation)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".si")).count();
        }
    }
}
