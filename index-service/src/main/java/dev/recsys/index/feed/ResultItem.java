package dev.recsys.index.feed;

import dev.recsys.ranker.rank.RankedItem;
import dev.recsys.ranker.records.CatalogItem;
import java.util.List;

/**
 * One item of a feed or search answer: the catalog item, how it was ranked, and the history items
 * that explain it (empty when not asked for or when there are none).
 */
public record ResultItem(CatalogItem item, RankedItem ranked, List<Because> because) {

    public ResultItem {
        because = because == null ? List.of() : List.copyOf(because);
    }
}
