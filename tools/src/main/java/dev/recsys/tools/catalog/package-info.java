/**
 * Measurements of the catalog index on a temporary copy: {@link dev.recsys.tools.catalog.KnnRecallBench}
 * ({@code ./recsys knn-recall}), HNSW recall against exact search with the serving settings.
 */
package dev.recsys.tools.catalog;
