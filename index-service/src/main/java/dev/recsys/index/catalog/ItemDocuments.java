package dev.recsys.index.catalog;

import dev.recsys.index.embed.TextEmbedder;
import dev.recsys.ranker.json.CatalogItemJson;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.vector.VectorMath;

/**
 * An item on its way into the index, whether a build adds it or an update replaces it: checked against
 * the catalog contract, then embedded. Both paths go through here, so a generation never holds an item
 * or a vector the other path would have refused.
 */
final class ItemDocuments {
    private ItemDocuments() {}

    /**
     * The item as the catalog contract accepts it: a round trip through its JSON form validates it.
     *
     * @throws InvalidRecordException naming the item and the field it breaks
     */
    static CatalogItem validated(CatalogItem item) {
        try {
            return CatalogItemJson.parse(CatalogItemJson.write(item));
        } catch (InvalidRecordException e) {
            throw new InvalidRecordException(e.field(), "item '" + item.itemId() + "': " + e.reason());
        }
    }

    /** The unit-length content vector of {@code item}, or all zeros when its text has no features. */
    static float[] contentOf(CatalogItem item, TextEmbedder embedder) {
        float[] vector = embedder.embed(embedder.textOf(item));
        if (vector.length != embedder.dimension()) {
            throw new IllegalStateException(
                    "embedder returned " + vector.length + " dimensions, declared " + embedder.dimension());
        }
        return VectorMath.normalized(vector);
    }
}
