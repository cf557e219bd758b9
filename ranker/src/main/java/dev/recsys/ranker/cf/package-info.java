/**
 * Collaborative filtering against a fixed item model: {@link dev.recsys.ranker.cf.ImplicitFoldIn}
 * computes a shopper's factor from their interactions with the exact least-squares step of
 * implicit ALS (Hu, Koren &amp; Volinsky, "Collaborative Filtering for Implicit Feedback Datasets",
 * ICDM 2008), so a new or changed shopper gets a factor in the current model without retraining.
 * {@link dev.recsys.ranker.cf.Cholesky} is the small dense solver it needs (k at most 256).
 */
package dev.recsys.ranker.cf;
