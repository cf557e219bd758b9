/**
 * Collaborative filtering with implicit ALS (Hu, Koren &amp; Volinsky, "Collaborative Filtering for Implicit
 * Feedback Datasets", ICDM 2008).
 *
 * <p>{@link dev.recsys.ranker.cf.ImplicitAls} trains shopper and item factors offline from a {@link
 * dev.recsys.ranker.cf.RatingMatrix} on a fixed pool of named threads, deterministically, and returns an
 * {@link dev.recsys.ranker.cf.AlsModel} with YᵀY. {@link dev.recsys.ranker.cf.ImplicitFoldIn} computes a
 * shopper's factor from their interactions against fixed item factors with the same exact least-squares
 * step, so a new or changed shopper gets a factor in the current model without retraining; this is what the
 * stream job does per event. {@link dev.recsys.ranker.cf.Cholesky} is the small dense solver (k at most 256).
 */
package dev.recsys.ranker.cf;
