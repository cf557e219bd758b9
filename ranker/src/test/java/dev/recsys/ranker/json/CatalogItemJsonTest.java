package dev.recsys.ranker.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.InvalidRecordException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogItemJsonTest {
    private static final String VALID = "{\"itemId\":\"i-1\",\"title\":\"Chef knife\",\"sellerId\":\"s-1\","
            + "\"price\":39.9,\"createdAt\":\"2024-05-01T10:00:00Z\"";

    private static InvalidRecordException rejected(String json) {
        return assertThrows(InvalidRecordException.class, () -> CatalogItemJson.parse(json));
    }

    @Test
    void roundTripsEveryField() {
        CatalogItem item = new CatalogItem(
                "i-1",
                "Chef knife",
                "Forged steel, 20 cm",
                "home>kitchen>knives",
                "Acme",
                List.of("steel", "chef"),
                "s-1",
                "small",
                39.9,
                false,
                Instant.parse("2024-05-01T10:00:00Z"),
                Map.of("colour", "black", "length", "20cm"));
        assertEquals(item, CatalogItemJson.parse(CatalogItemJson.write(item)));
    }

    @Test
    void fillsDefaultsForOptionalFields() {
        CatalogItem item = CatalogItemJson.parse(VALID + "}");
        assertEquals("", item.description());
        assertEquals("", item.category());
        assertEquals(List.of(), item.tags());
        assertTrue(item.inStock());
        assertEquals(Map.of(), item.attributes());
        assertEquals(item, CatalogItemJson.parse(CatalogItemJson.write(item)));
    }

    @Test
    void acceptsCreatedAtAsEpochMillis() {
        CatalogItem item = CatalogItemJson.parse(VALID.replace("\"2024-05-01T10:00:00Z\"", "1714557600000") + "}");
        assertEquals(Instant.parse("2024-05-01T10:00:00Z"), item.createdAt());
    }

    @Test
    void topCategoryIsTheFirstLevelOfThePath() {
        CatalogItem item = CatalogItemJson.parse(VALID + ",\"category\":\"home>kitchen>knives\"}");
        assertEquals("home", item.topCategory());
    }

    @Test
    void rejectsBlankTitle() {
        assertEquals("title", rejected(VALID.replace("Chef knife", " ") + "}").field());
    }

    @Test
    void rejectsNegativePrice() {
        assertEquals("price", rejected(VALID.replace("39.9", "-1") + "}").field());
    }

    @Test
    void rejectsMissingSeller() {
        assertEquals(
                "sellerId",
                rejected(VALID.replace("\"sellerId\":\"s-1\",", "") + "}").field());
    }

    @Test
    void rejectsMissingOrUnreadableCreatedAt() {
        assertEquals(
                "createdAt",
                rejected(VALID.replace(",\"createdAt\":\"2024-05-01T10:00:00Z\"", "") + "}")
                        .field());
        assertEquals(
                "createdAt",
                rejected(VALID.replace("2024-05-01T10:00:00Z", "yesterday") + "}")
                        .field());
    }

    @Test
    void rejectsTagsThatAreNotStrings() {
        assertEquals("tags", rejected(VALID + ",\"tags\":[\"a\",3]}").field());
    }

    @Test
    void rejectsNestedAttributeNamingIt() {
        assertEquals(
                "attributes.size",
                rejected(VALID + ",\"attributes\":{\"size\":{\"w\":1}}}").field());
    }

    @Test
    void rejectsNonBooleanInStock() {
        assertEquals("inStock", rejected(VALID + ",\"inStock\":\"yes\"}").field());
    }
}
