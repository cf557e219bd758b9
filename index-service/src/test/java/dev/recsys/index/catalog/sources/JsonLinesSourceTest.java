package dev.recsys.index.catalog.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSourceTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsACatalogFile() throws IOException {
        List<CatalogItem> items = SampleCatalog.generate(50, 7);
        Path file = dir.resolve("catalog.jsonl");
        CatalogFile.write(file, items);
        CatalogSource source = CatalogSources.open("jsonl", file);
        SharedData.Pass pass = SharedData.read(source);
        assertEquals(items, pass.items());
        assertEquals(List.of(), pass.errors());
        assertEquals(50, source.estimatedSize());
        assertEquals(pass, SharedData.read(source), "a second pass gives the same items");
    }

    @Test
    void badLinesAreReportedWithLineAndFieldAndReadingGoesOn() throws IOException {
        CatalogFile.write(dir.resolve("good.jsonl"), SampleCatalog.generate(3, 1));
        List<String> good = Files.readAllLines(dir.resolve("good.jsonl"));
        Path file = SharedData.write(
                dir.resolve("mixed.jsonl"),
                good.get(0),
                "",
                "{not json",
                good.get(1).replace("\"price\":", "\"price\":-1,\"was\":"),
                "   ",
                good.get(0),
                good.get(2));
        SharedData.Pass pass = SharedData.read(new JsonLinesSource(file));
        assertEquals(
                List.of("p-000001", "p-000003"),
                pass.items().stream().map(CatalogItem::itemId).toList());
        assertEquals(3, pass.errors().size(), pass.errors().toString());
        assertEquals(3, pass.errors().get(0).line());
        assertEquals(null, pass.errors().get(0).field());
        assertEquals(
                new LineError(4, "price", "must not be negative"), pass.errors().get(1));
        assertEquals(6, pass.errors().get(2).line());
        assertEquals("itemId", pass.errors().get(2).field());
    }
}
