/**
 * Offline training and evaluation on real interaction data, the parts that need the catalog readers and
 * the text embedder of this module: {@link dev.recsys.index.evaluation.EvaluationData} loads MovieLens or
 * an interactions CSV with a JSON Lines catalog and embeds every item with {@link
 * dev.recsys.index.embed.HashedNgramEmbedder}; {@link dev.recsys.index.evaluation.EvaluateCli} runs the
 * protocol of {@link dev.recsys.ranker.eval.OfflineEvaluation} and writes docs/EVALUATION.md; {@link
 * dev.recsys.index.evaluation.TrainCli} trains implicit ALS and writes item factors and YᵀY.
 */
package dev.recsys.index.evaluation;
