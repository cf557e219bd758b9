package dev.recsys.index.events;

import dev.recsys.index.catalog.CatalogView;
import dev.recsys.index.generations.CatalogLease;
import dev.recsys.index.generations.LiveCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The items events may name. The stream job joins every event with its item's vectors and dead-letters
 * one whose item never arrives, a minute later and out of the sender's sight; checking at the door
 * tells the sender at once.
 */
@FunctionalInterface
public interface KnownItems {
    /** Any item, in the catalog or not (yet): for items that arrive in the catalog after their events. */
    KnownItems ANY = itemIds -> -1;

    /** The index in {@code itemIds} of the first id that is not a known item, or -1 when all are. */
    int firstUnknown(List<String> itemIds);

    /**
     * The items of the live catalog generation, looked up by id in its terms index (no item is read); one
     * lease and one view for the whole list, each distinct id once.
     *
     * @throws dev.recsys.index.generations.CatalogUnavailableException while no generation is live yet
     */
    static KnownItems in(LiveCatalog catalog) {
        return itemIds -> {
            try (CatalogLease lease = catalog.acquire();
                    CatalogView view = lease.index().view()) {
                Map<String, Boolean> known = new HashMap<>();
                for (int i = 0; i < itemIds.size(); i++) {
                    if (!known.computeIfAbsent(itemIds.get(i), view::contains)) {
                        return i;
                    }
                }
                return -1;
            }
        };
    }
}
