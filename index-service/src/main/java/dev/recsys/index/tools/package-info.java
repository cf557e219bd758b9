/**
 * Operator and benchmark command-line tools, each run by the {@code recsys} launcher against a running
 * index service or a temporary index: {@link dev.recsys.index.tools.ReindexCli} ({@code ./recsys reindex}),
 * {@link dev.recsys.index.tools.LoadTool} ({@code ./recsys load}), {@link
 * dev.recsys.index.tools.KnnRecallBench} ({@code ./recsys knn-recall}) and {@link
 * dev.recsys.index.tools.FreshnessProbe} ({@code ./recsys freshness}). Bad flags exit with status 2 and a
 * message naming the flag; the rendering of progress and reports is done by pure functions that tests call.
 */
package dev.recsys.index.tools;
