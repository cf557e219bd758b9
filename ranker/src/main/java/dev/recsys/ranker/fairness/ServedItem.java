package dev.recsys.ranker.fairness;

import dev.recsys.ranker.rank.RankedItem;
import java.util.Objects;

/**
 * One item of a ranking as it was served, for exposure accounting. Its position is its index in the
 * served list.
 *
 * @param protectedItem whether the item belongs to the protected group the fairness pass served
 */
public record ServedItem(String itemId, String sellerId, boolean protectedItem) {

    public ServedItem {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(sellerId, "sellerId");
    }

    /** The served form of a ranked item: the group it was ranked in, not a re-evaluation of it. */
    public static ServedItem of(RankedItem ranked) {
        return new ServedItem(ranked.itemId(), ranked.sellerId(), ranked.protectedItem());
    }
}
