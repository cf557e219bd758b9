package dev.recsys.index.catalog.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogSourcesTest {
    @TempDir
    Path dir;

    @Test
    void unknownFormatIsNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CatalogSources.open("xml", dir));
        assertTrue(e.getMessage().startsWith("format must be one of jsonl, instacart, movielens"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CatalogSources.open(null, dir));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CatalogSources.open("generated", dir))
                .getMessage()
                .contains("generated(count, seed)"));
    }

    @Test
    void missingSourceIsNamed() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> CatalogSources.open("jsonl", dir.resolve("nope.jsonl")));
        assertTrue(e.getMessage().startsWith("source ") && e.getMessage().contains("nope.jsonl"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CatalogSources.open("jsonl", dir));
    }

    @Test
    void generatedCatalogIsDeterministicAndValid() throws IOException {
        CatalogSource source = CatalogSources.generated(2_000, 5);
        assertEquals(2_000, source.estimatedSize());
        SharedData.Pass pass = SharedData.read(source);
        assertEquals(2_000, pass.items().size());
        assertEquals(List.of(), pass.errors());
        assertEquals(pass, SharedData.read(source));
        assertNotEquals(
                pass.items(),
                SharedData.read(CatalogSources.generated(2_000, 6)).items());
        assertEquals("p-000001", pass.items().get(0).itemId());
        assertEquals(
                2_000, pass.items().stream().map(CatalogItem::itemId).distinct().count());
        for (CatalogItem item : pass.items()) {
            assertEquals(null, Records.check(item, 1));
        }
        Set<String> categories = SampleCatalog.generate(2_000, 5).stream()
                .map(CatalogItem::category)
                .collect(Collectors.toSet());
        assertTrue(categories.containsAll(
                pass.items().stream().map(CatalogItem::category).collect(Collectors.toSet())));
    }

    @Test
    void generatedSellersAreSkewedLikeTheSampleCatalog() throws IOException {
        Map<String, Long> perSeller = SharedData.read(CatalogSources.generated(6_000, 42)).items().stream()
                .collect(Collectors.groupingBy(CatalogItem::sellerId, Collectors.counting()));
        long largest =
                perSeller.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(perSeller.size() >= 60, perSeller.size() + " sellers");
        assertTrue(largest > 0.2 * 6_000 && largest < 0.4 * 6_000, "largest seller holds " + largest);
    }

    @Test
    void generatedIdsWidenPastAMillion() {
        List<String> ids = new java.util.ArrayList<>();
        SampleCatalog.stream(3, 1, item -> ids.add(item.itemId()));
        assertEquals(List.of("p-000001", "p-000002", "p-000003"), ids);
        assertThrows(IllegalArgumentException.class, () -> CatalogSources.generated(-1, 1));
    }
}
