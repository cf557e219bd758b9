/**
 * Offline training and evaluation on real interaction data, with the catalog readers and the text
 * embedder of the index service: {@link dev.recsys.tools.evaluation.EvaluationData} loads MovieLens,
 * the Instacart baskets or an interactions CSV with a JSON Lines catalog and embeds every item with
 * {@link dev.recsys.index.embed.HashedNgramEmbedder}; {@link dev.recsys.tools.evaluation.EvaluateCli}
 * ({@code ./recsys evaluate}) runs the protocol of {@link dev.recsys.ranker.eval.OfflineEvaluation} and
 * writes docs/evaluation/NAME.md; {@link dev.recsys.tools.evaluation.TrainCli} ({@code ./recsys train}) trains
 * implicit ALS and item neighbours, writes them, and makes them live on a running service ({@link
 * dev.recsys.tools.evaluation.CfUpload}); {@link dev.recsys.tools.evaluation.InteractionTopicReader}
 * reads the {@code interactions} topic as a training set, leaving out erased shoppers.
 */
package dev.recsys.tools.evaluation;
