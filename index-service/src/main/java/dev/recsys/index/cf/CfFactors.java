package dev.recsys.index.cf;

import dev.recsys.ranker.cf.CfModel;
import java.util.Map;
import java.util.Objects;

/**
 * A trained implicit-ALS model as a catalog build needs it: the fold-in part (YᵀY, λ, α) and the item
 * factors by itemId. It gets its generation only when a build attaches the factors to a catalog
 * generation ({@link #model}), so a model can never be published with a generation whose items do not
 * carry its factors.
 *
 * @param model the fold-in part; its generation is a placeholder until {@link #model} sets it
 * @param items item factors by itemId, each of length {@code model.factors()}
 */
public record CfFactors(CfModel model, Map<String, float[]> items) {
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

    /** "64 factors for 9,724 items", for job descriptions and logs. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d factors for %,d items", factors(), items.size());
    }
}
