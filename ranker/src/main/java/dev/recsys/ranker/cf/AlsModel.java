package dev.recsys.ranker.cf;

import java.util.List;
import java.util.Objects;

/**
 * A trained implicit ALS model.
 *
 * @param config the settings it was trained with
 * @param userFactors one row of length k per shopper index (from the last shopper step)
 * @param itemFactors one row of length k per item index
 * @param yty YᵀY over all item factors, k×k row-major: what {@link ImplicitFoldIn} needs to fold a
 *     shopper into this model
 * @param losses the training loss after each iteration (Hu et al. eq. 3, regularisation included)
 */
public record AlsModel(
        ImplicitAls.Config config, float[][] userFactors, float[][] itemFactors, double[] yty, List<Double> losses) {

    public AlsModel {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(userFactors, "userFactors");
        Objects.requireNonNull(itemFactors, "itemFactors");
        Objects.requireNonNull(yty, "yty");
        losses = List.copyOf(losses);
    }

    public int factors() {
        return config.factors();
    }

    /** The fold-in of this model, with its λ and α, for shoppers not in the training data. */
    public ImplicitFoldIn foldIn() {
        return new ImplicitFoldIn(yty, config.factors(), config.lambda(), config.alpha());
    }
}
