package dev.recsys.index.catalog;

import dev.recsys.ranker.records.CatalogItem;
import java.util.Objects;

/**
 * One result of a catalog query.
 *
 * @param score the query's score: Lucene's vector similarity for {@link CatalogIndex#knn} (for unit
 *     vectors {@code (1 + cosine) / 2}), BM25 for {@link CatalogIndex#search}, and {@code 1 / (1 + rank)}
 *     for the unscored lists {@link CatalogIndex#newest} and {@link CatalogIndex#diverse}
 * @param doc the item's document in the {@link CatalogView} the hit came from (its vectors are read by
 *     it), or -1 for a hit made elsewhere
 */
public record Hit(CatalogItem item, float score, int doc) {

    public Hit {
        Objects.requireNonNull(item, "item");
    }

    /** A hit that belongs to no view. */
    public Hit(CatalogItem item, float score) {
        this(item, score, -1);
    }

    public String itemId() {
        return item.itemId();
    }
}
