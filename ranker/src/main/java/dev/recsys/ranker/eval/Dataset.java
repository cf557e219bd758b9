package dev.recsys.ranker.eval;

import java.util.List;
import java.util.Objects;

/**
 * Interactions of shoppers with the items of a catalog, for offline evaluation.
 *
 * @param userIds shopper id by index
 * @param itemIds item id by index: every catalog item, interacted with or not (full ranking ranks them all)
 * @param interactions every interaction, by index into the two tables
 */
public record Dataset(List<String> userIds, List<String> itemIds, List<Interaction> interactions) {
    public Dataset {
        userIds = List.copyOf(Objects.requireNonNull(userIds, "userIds"));
        itemIds = List.copyOf(Objects.requireNonNull(itemIds, "itemIds"));
        interactions = List.copyOf(Objects.requireNonNull(interactions, "interactions"));
        for (Interaction interaction : interactions) {
            if (interaction.user() >= userIds.size() || interaction.item() >= itemIds.size()) {
                throw new IllegalArgumentException("interaction " + interaction + " is outside the " + userIds.size()
                        + " shoppers and " + itemIds.size() + " items");
            }
        }
    }

    public int users() {
        return userIds.size();
    }

    public int items() {
        return itemIds.size();
    }
}
