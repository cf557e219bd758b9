/**
 * Offline training and evaluation on real interaction data, with the catalog readers and the text
 * embedders of the index service: {@link dev.recsys.tools.evaluation.EvaluationData} loads MovieLens,
 * the Instacart baskets or an interactions CSV with a JSON Lines catalog, and {@link
 * dev.recsys.tools.evaluation.ContentEmbeddings} embeds every item with each embedder asked for (the
 * hashed n-grams, a Transformer behind its embedding cache); {@link dev.recsys.tools.evaluation.EvaluateCli}
 * ({@code ./recsys evaluate}) runs the protocol of {@link dev.recsys.ranker.eval.OfflineEvaluation} with
 * them and writes docs/evaluation/NAME.md ({@link dev.recsys.tools.evaluation.EvaluationPage}) and the
 * frontier chart beside it ({@link dev.recsys.tools.evaluation.FrontierChart}); {@link dev.recsys.tools.evaluation.TrainCli} ({@code ./recsys train}) trains
 * implicit ALS and item neighbours, writes them, and makes them live on a running service ({@link
 * dev.recsys.tools.evaluation.CfUpload}); {@link dev.recsys.tools.evaluation.InteractionTopicReader}
 * reads the {@code interactions} topic as a training set, leaving out erased shoppers.
 */
package dev.recsys.tools.evaluation;
