package dev.recsys.index.catalog.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstacartSourceTest {
    @TempDir
    Path dir;

    private Path fixture(String... productLines) throws IOException {
        SharedData.write(dir.resolve("aisles.csv"), "aisle_id,aisle", "61,cookies cakes", "24,fresh fruits");
        SharedData.write(dir.resolve("departments.csv"), "department_id,department", "19,snacks", "4,produce");
        return SharedData.write(dir.resolve("products.csv"), productLines);
    }

    @Test
    void mapsProductsWithQuotedNamesToCatalogItems() throws IOException {
        fixture(
                "product_id,product_name,aisle_id,department_id",
                "1,Chocolate Sandwich Cookies,61,19",
                "2,\"Oreo Cookies, \"\"Double Stuf\"\"\",61,19",
                "3,Banana,24,4");
        SharedData.Pass pass = SharedData.read(CatalogSources.open("instacart", dir));
        assertEquals(List.of(), pass.errors());
        assertEquals(3, pass.items().size());
        CatalogItem oreo = pass.items().get(1);
        assertEquals("ic-2", oreo.itemId());
        assertEquals("Oreo Cookies, \"Double Stuf\"", oreo.title());
        assertEquals("snacks>cookies cakes", oreo.category());
        assertEquals("Oreo", oreo.brand());
        assertEquals("", pass.items().get(0).brand(), "no brand guess without an obvious one");
        assertEquals(List.of("produce", "fresh fruits"), pass.items().get(2).tags());
        assertTrue(oreo.sellerId().startsWith("ic-seller-"), oreo.sellerId());
        assertTrue(oreo.price() > 0);
        assertEquals(Map.of("aisleId", "61", "departmentId", "19"), oreo.attributes());
        assertEquals(
                3, CatalogSources.open("instacart", dir.resolve("products.csv")).estimatedSize());
    }

    @Test
    void badRowsNameTheirLineAndColumn() throws IOException {
        fixture(
                "product_id,product_name,aisle_id,department_id",
                "x1,Cookies,61,19",
                "2,\"Quoted, name with\nline break\",61,19",
                "3,Apples,999,4",
                "4,,24,4",
                "5,Pears,24,77",
                "6,Too,many,fields,here",
                "2,Duplicate,61,19",
                "7,Plums,24,4");
        SharedData.Pass pass = SharedData.read(new InstacartSource(dir));
        assertEquals(
                List.of("ic-2", "ic-7"),
                pass.items().stream().map(CatalogItem::itemId).toList());
        assertEquals(
                List.of(
                        new LineError(2, "product_id", "expected a non-negative integer, got 'x1'"),
                        new LineError(5, "aisle_id", "unknown aisle 999"),
                        new LineError(6, "product_name", "must not be empty"),
                        new LineError(7, "department_id", "unknown department 77"),
                        new LineError(8, null, "expected 4 fields, got 5"),
                        new LineError(9, "product_id", "duplicate id 2")),
                pass.errors());
    }

    @Test
    void aWrongHeaderIsOneErrorOnLineOne() throws IOException {
        fixture("id,name", "1,Cookies");
        SharedData.Pass pass = SharedData.read(new InstacartSource(dir));
        assertEquals(List.of(), pass.items());
        assertEquals(1, pass.errors().size());
        assertEquals(1, pass.errors().get(0).line());
    }

    @Test
    void missingLookupFilesAreNamed() throws IOException {
        SharedData.write(dir.resolve("products.csv"), "product_id,product_name,aisle_id,department_id");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CatalogSources.open("instacart", dir));
        assertTrue(e.getMessage().contains("source") && e.getMessage().contains("aisles.csv"), e.getMessage());
    }

    @Test
    void brandGuessNeedsAWholeWordPrefix() {
        assertEquals("Special K", InstacartSource.brand("Special K Red Berries Cereal"));
        assertEquals("", InstacartSource.brand("Specialty Cheese"));
        assertEquals("Kellogg's", InstacartSource.brand("kellogg's Corn Flakes"));
    }

    @Test
    void realInstacartCatalogHasEveryProductWithDepartmentAndAisle() throws IOException {
        CatalogSource source = CatalogSources.open("instacart", SharedData.folder("instacart-products"));
        SharedData.Pass pass = SharedData.read(source);
        assertEquals(List.of(), pass.errors());
        assertEquals(49_688, pass.items().size());
        assertEquals(49_688, source.estimatedSize());
        assertTrue(pass.items().stream().allMatch(item -> item.category().split(">").length == 2));
        assertEquals(
                21,
                pass.items().stream().map(CatalogItem::topCategory).distinct().count(),
                "departments");
        assertEquals(
                134, pass.items().stream().map(CatalogItem::category).distinct().count(), "aisles");
        Map<String, Long> perSeller =
                pass.items().stream().collect(Collectors.groupingBy(CatalogItem::sellerId, Collectors.counting()));
        long largest =
                perSeller.values().stream().max(Comparator.naturalOrder()).orElseThrow();
        assertTrue(perSeller.size() >= 190, perSeller.size() + " sellers");
        assertTrue(
                largest > 0.1 * pass.items().size()
                        && largest < 0.3 * pass.items().size(),
                "largest " + largest);
        assertEquals(pass, SharedData.read(source), "two passes give identical items");
    }
}
