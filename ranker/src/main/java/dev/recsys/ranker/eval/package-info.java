/**
 * Offline evaluation on real interaction data, with the code paths the live system uses.
 *
 * <p>{@link dev.recsys.ranker.eval.TemporalSplit} holds out each shopper's latest 20% by time (and carves a
 * validation split from training the same way); {@link dev.recsys.ranker.eval.Evaluator} ranks the full
 * catalog for every shopper, minus their training items, and computes Precision@10, Recall@10/20, F1@10,
 * NDCG@10, MRR@10, catalog coverage, the Gini of item exposure and the long-tail exposure share ({@link
 * dev.recsys.ranker.eval.Metrics}). The models: MostPopular, {@link dev.recsys.ranker.eval.ItemKnn},
 * implicit ALS with fold-in, content-only through {@link dev.recsys.ranker.profile.ProfileUpdater}, and
 * {@link dev.recsys.ranker.eval.Hybrid}, which adds {@link dev.recsys.ranker.eval.RecentNeighbours} (item
 * neighbours of the profile's recent list) to those sources: the blend of {@link
 * dev.recsys.ranker.rank.ScoreBlender} with and
 * without {@link dev.recsys.ranker.fairness.FairReranker}. {@link dev.recsys.ranker.eval.OfflineEvaluation}
 * is the whole protocol: tune on validation ({@link dev.recsys.ranker.eval.ValidationSearch}, with the
 * long-tail lines of {@link dev.recsys.ranker.eval.LongTailCosts}), refit and test once ({@link
 * dev.recsys.ranker.eval.TestRun}, with the fair hybrid's {@link dev.recsys.ranker.eval.FairnessFrontier}),
 * for one or several embedders' content vectors ({@link dev.recsys.ranker.eval.ItemContent}) on the same
 * split. See docs/EVALUATION.md.
 */
package dev.recsys.ranker.eval;
