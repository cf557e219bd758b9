package dev.recsys.index.feed;

import dev.recsys.index.users.NeighbourItem;
import dev.recsys.ranker.rank.RankedItem;
import dev.recsys.ranker.records.CatalogItem;
import java.util.List;

/**
 * One item of a feed or search answer: the catalog item, how it was ranked, and the history items
 * that explain it (empty when not asked for or when there are none).
 *
 * @param similarShoppers the similar shoppers' engagements that proposed it, or {@code null} when it
 *     did not come from them or explanations were not asked for
 */
public record ResultItem(CatalogItem item, RankedItem ranked, List<Because> because, NeighbourItem similarShoppers) {

    public ResultItem {
        because = because == null ? List.of() : List.copyOf(because);
    }

    public ResultItem(CatalogItem item, RankedItem ranked, List<Because> because) {
        this(item, ranked, because, null);
    }
}
