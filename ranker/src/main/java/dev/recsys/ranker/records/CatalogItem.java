package dev.recsys.ranker.records;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A product of the catalog: one JSON line in a catalog file, the value of the {@code catalog} topic.
 *
 * @param category a path with {@code >} between levels, e.g. {@code "home>kitchen>knives"}
 * @param sellerTier optional size class of the seller (e.g. {@code small}, {@code mid}, {@code large})
 */
public record CatalogItem(
        String itemId,
        String title,
        String description,
        String category,
        String brand,
        List<String> tags,
        String sellerId,
        String sellerTier,
        double price,
        boolean inStock,
        Instant createdAt,
        Map<String, String> attributes) {

    public CatalogItem {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(title, "title");
        description = description == null ? "" : description;
        category = category == null ? "" : category;
        brand = brand == null ? "" : brand;
        tags = tags == null ? List.of() : List.copyOf(tags);
        Objects.requireNonNull(sellerId, "sellerId");
        Objects.requireNonNull(createdAt, "createdAt");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The top level of the category path ({@code "home"} for {@code "home>kitchen"}). */
    public String topCategory() {
        int cut = category.indexOf('>');
        return cut < 0 ? category : category.substring(0, cut);
    }
}
