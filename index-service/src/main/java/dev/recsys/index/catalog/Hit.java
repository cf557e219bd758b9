package dev.recsys.index.catalog;

import dev.recsys.ranker.records.CatalogItem;
import java.util.Objects;

/**
 * One result of a catalog query.
 *
 * @param score the query's score: Lucene's vector similarity for {@link CatalogIndex#knn} (for unit
 *     vectors {@code (1 + cosine) / 2}), BM25 for {@link CatalogIndex#search}, and {@code 1 / (1 + rank)}
 *     for the unscored lists {@link CatalogIndex#newest} and {@link CatalogIndex#diverse}
 */
public record Hit(CatalogItem item, float score) {

    public Hit {
        Objects.requireNonNull(item, "item");
    }

    public String itemId() {
        return item.itemId();
    }
}
