package dev.recsys.index.cf;

import dev.recsys.index.neighbours.TrainedNeighbours;
import dev.recsys.ranker.cf.CfModel;
import java.util.Map;
import java.util.Objects;

/**
 * A trained implicit-ALS model as a catalog build needs it: the fold-in part (YᵀY, λ, α), the item
 * factors by itemId and, when training computed them, the item-to-item neighbour lists that ship with
 * the factors (they belong to the same training, so they are carried over together). It gets its generation only when a build attaches the factors to a catalog
 * generation ({@link #model}), so a model can never be published with a generation whose items do not
 * carry its factors.
 *
 * @param model the fold-in part; its generation is a placeholder until {@link #model} sets it
 * @param items item factors by itemId, each of length {@code model.factors()}
 * @param neighbours the training's neighbour lists, or {@code null} without
 */
public record CfFactors(CfModel model, Map<String, float[]> items, TrainedNeighbours neighbours) {
    public CfFactors {
        Objects.requireNonNull(model, "model");
        items = Map.copyOf(items);
        for (Map.Entry<String, float[]> entry : items.entrySet()) {
            if (entry.getValue().length != model.factors()) {
                throw new IllegalArgumentException("item '" + entry.getKey() + "' has a factor of dimension "
                        + entry.getValue().length + ", the model " + model.factors());
            }
        }
    }

    /** Factors without neighbour lists. */
    public CfFactors(CfModel model, Map<String, float[]> items) {
        this(model, items, null);
    }

    public int factors() {
        return model.factors();
    }

    /** The item's factor, or {@code null} when training saw no interaction with it. */
    public float[] factor(String itemId) {
        return items.get(itemId);
    }

    /** The model tied to the catalog generation whose items carry these factors. */
    public CfModel model(long generation) {
        return new CfModel(generation, model.factors(), model.lambda(), model.alpha(), model.yty());
    }

    /** "64 factors for 9,724 items[, 100 neighbours for 9,700 items]", for job descriptions and logs. */
    public String describe() {
        String factors = String.format(java.util.Locale.ROOT, "%d factors for %,d items", factors(), items.size());
        return neighbours == null ? factors : factors + ", " + neighbours.describe();
    }
}
