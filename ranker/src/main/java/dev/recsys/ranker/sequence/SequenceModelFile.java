package dev.recsys.ranker.sequence;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A trained sequence model as it is shipped: its weights, which catalog item each model id stands for,
 * and the events it reads.
 *
 * @param itemIds the catalog id of model id {@code i + 1} at index {@code i}, one per item row of the weights
 * @param filter the events the model was trained on and reads
 */
public record SequenceModelFile(List<String> itemIds, SequenceFilter filter, SequenceWeights weights) {
    public SequenceModelFile {
        itemIds = List.copyOf(itemIds);
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(weights, "weights");
        if (itemIds.size() != weights.itemCount()) {
            throw new IllegalArgumentException(
                    "itemIds has " + itemIds.size() + " ids for the model's " + weights.itemCount() + " items");
        }
    }

    /** {@code sequence model: 9,742 items, 64 dimensions, 2 blocks, events positive}. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "sequence model: %,d items, %d dimensions, %d blocks, events %s",
                itemIds.size(),
                weights.dimension(),
                weights.blocks().size(),
                filter.flagName());
    }

    /** Model id by catalog id (1 … itemCount). */
    public Map<String, Integer> modelIds() {
        Map<String, Integer> ids = new HashMap<>(2 * itemIds.size());
        for (int i = 0; i < itemIds.size(); i++) {
            ids.put(itemIds.get(i), i + 1);
        }
        return ids;
    }
}
