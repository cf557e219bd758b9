package dev.recsys.ranker.cf;

import java.util.Objects;

/**
 * What the stream job needs to fold shoppers into a trained implicit-ALS model, the value of the
 * compacted {@code cf-model} topic: the model's YᵀY and hyper-parameters. The item factors
 * themselves travel with each item in {@code item-vectors} ({@code cf}), tagged with the same
 * generation.
 *
 * @param generation the catalog generation whose item {@code cf} vectors are this model's factors
 * @param factors k, the length of every factor
 * @param lambda regularisation of the user step
 * @param alpha confidence scale: {@code c = 1 + α·|w|}
 * @param yty YᵀY over all the model's item factors, k×k row-major
 */
public record CfModel(long generation, int factors, double lambda, double alpha, double[] yty) {

    public CfModel {
        Objects.requireNonNull(yty, "yty");
    }

    /** The model from trained ALS factors, for the given generation. */
    public static CfModel of(long generation, AlsModel model) {
        return new CfModel(
                generation,
                model.config().factors(),
                model.config().lambda(),
                model.config().alpha(),
                model.yty());
    }

    /**
     * The solver with its generation.
     *
     * @throws IllegalArgumentException if the fields are inconsistent (size of YᵀY, λ, α)
     */
    public CfFoldIn foldIn() {
        return new CfFoldIn(generation, new ImplicitFoldIn(yty, factors, lambda, alpha));
    }

    /** A ready solver for one model generation. */
    public record CfFoldIn(long generation, ImplicitFoldIn solver) {
        public CfFoldIn {
            Objects.requireNonNull(solver, "solver");
        }
    }
}
