/**
 * Where whole catalogs come from, for reindexing and benchmarks: a {@link
 * dev.recsys.index.catalog.sources.CatalogSource} streams items from a file or a generator in one pass,
 * without holding them, and reports each bad record as a {@link dev.recsys.index.catalog.sources.LineError}
 * with its line and field instead of failing. {@link dev.recsys.index.catalog.sources.CatalogSources} opens
 * one by format name: the project's JSON Lines catalog files, the Instacart product list, the MovieLens movie
 * list, or a generated sample catalog of any size.
 *
 * <p>The two public data sets lack sellers, prices, stock and dates; those fields are synthesised
 * deterministically from each record's id (a seeded hash), documented on each source and in
 * docs/CATALOG-SOURCES.md. Nothing here depends on the index: sources only produce valid {@code
 * CatalogItem}s.
 */
package dev.recsys.index.catalog.sources;
