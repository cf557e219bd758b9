package dev.recsys.index.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.json.CatalogItemJson;
import dev.recsys.ranker.records.CatalogItem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogFileTest {
    @TempDir
    Path dir;

    @Test
    void writeThenReadGivesTheSameItems() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(300, 5);
        Path file = dir.resolve("sub/catalog.jsonl");
        CatalogFile.write(file, items);
        assertEquals(items, CatalogFile.read(file));
        assertEquals(300, Files.readAllLines(file).size());
    }

    @Test
    void readAllReportsEveryBadLineWithItsNumberAndField() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(3, 5);
        String good1 = CatalogItemJson.write(items.get(0));
        String good2 = CatalogItemJson.write(items.get(1));
        List<String> lines = List.of(
                good1, // 1
                "{not json", // 2
                "", // 3: blank lines are skipped
                good2.replace("\"title\":", "\"heading\":"), // 4: no title
                CatalogItemJson.write(items.get(2)).replace("\"price\":", "\"price\":-"), // 5: negative price
                good1, // 6: duplicate id
                "[1,2]"); // 7: not an object
        Path file = dir.resolve("bad.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);

        CatalogFile.ReadResult result = CatalogFile.readAll(file, 100);
        assertEquals(List.of(items.get(0)), result.items());
        List<CatalogFile.LineError> errors = result.errors();
        assertEquals(
                List.of(2L, 4L, 5L, 6L, 7L),
                errors.stream().map(CatalogFile.LineError::line).toList());
        assertNull(errors.get(0).field());
        assertTrue(
                errors.get(0).reason().contains("malformed JSON"), errors.get(0).reason());
        assertEquals("title", errors.get(1).field());
        assertEquals("price", errors.get(2).field());
        assertEquals("itemId", errors.get(3).field());
        assertEquals("duplicate of line 1", errors.get(3).reason());
        assertNull(errors.get(4).field());
    }

    @Test
    void readAllKeepsOnlyTheFirstErrorsButReadsToTheEnd() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(2, 5);
        Path file = dir.resolve("many.jsonl");
        Files.write(
                file,
                List.of("x", "y", "z", CatalogItemJson.write(items.get(0)), "w", CatalogItemJson.write(items.get(1))),
                StandardCharsets.UTF_8);
        CatalogFile.ReadResult result = CatalogFile.readAll(file, 2);
        assertEquals(
                List.of(1L, 2L),
                result.errors().stream().map(CatalogFile.LineError::line).toList());
        assertEquals(items, result.items());
        assertThrows(IllegalArgumentException.class, () -> CatalogFile.readAll(file, -1));
    }

    @Test
    void readNamesTheFirstBadLineAndField() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(2, 5);
        Path file = dir.resolve("one-bad.jsonl");
        Files.write(
                file,
                List.of(
                        CatalogItemJson.write(items.get(0)),
                        CatalogItemJson.write(items.get(1)).replace("\"sellerId\":\"", "\"sellerId\":7,\"x\":\"")),
                StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CatalogFile.read(file));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("'sellerId'"), e.getMessage());
    }
}
