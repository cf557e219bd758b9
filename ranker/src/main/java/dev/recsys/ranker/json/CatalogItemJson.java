package dev.recsys.ranker.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.InvalidRecordException;
import java.time.Instant;
import java.util.Map;

/** JSON form of {@link CatalogItem} (one line of a catalog file, one {@code catalog} record). */
public final class CatalogItemJson {
    public static final int MAX_TITLE_LENGTH = 512;
    public static final int MAX_DESCRIPTION_LENGTH = 20_000;
    public static final int MAX_TAGS = 64;

    private CatalogItemJson() {}

    public static CatalogItem parse(String json) {
        return fromNode(Json.parseObject(json));
    }

    public static CatalogItem fromNode(ObjectNode node) {
        JsonFields fields = new JsonFields(node);
        String itemId = fields.id("itemId");
        String title = fields.requiredString("title", MAX_TITLE_LENGTH);
        if (title.isBlank()) {
            throw new InvalidRecordException("title", "must not be blank");
        }
        String description = fields.optionalString("description", MAX_DESCRIPTION_LENGTH);
        String category = fields.optionalString("category", 512);
        String brand = fields.optionalString("brand", 256);
        var tags = fields.stringList("tags", MAX_TAGS, 128);
        String sellerId = fields.id("sellerId");
        String sellerTier = fields.optionalString("sellerTier", 64);
        double price = fields.requiredDouble("price");
        if (price < 0) {
            throw new InvalidRecordException("price", "must not be negative");
        }
        boolean inStock = fields.optionalBoolean("inStock", true);
        Instant createdAt = fields.optionalInstant("createdAt");
        if (createdAt == null) {
            throw new InvalidRecordException("createdAt", "is required");
        }
        Map<String, String> attributes = fields.stringMap("attributes", 256);
        return new CatalogItem(
                itemId,
                title,
                description,
                category,
                brand,
                tags,
                sellerId,
                sellerTier,
                price,
                inStock,
                createdAt,
                attributes);
    }

    public static ObjectNode toNode(CatalogItem item) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("itemId", item.itemId());
        node.put("title", item.title());
        node.put("description", item.description());
        node.put("category", item.category());
        node.put("brand", item.brand());
        ArrayNode tags = node.putArray("tags");
        item.tags().forEach(tags::add);
        node.put("sellerId", item.sellerId());
        if (item.sellerTier() != null) {
            node.put("sellerTier", item.sellerTier());
        }
        node.put("price", item.price());
        node.put("inStock", item.inStock());
        node.put("createdAt", item.createdAt().toString());
        ObjectNode attributes = node.putObject("attributes");
        item.attributes().forEach(attributes::put);
        return node;
    }

    public static String write(CatalogItem item) {
        return Json.write(toNode(item));
    }
}
