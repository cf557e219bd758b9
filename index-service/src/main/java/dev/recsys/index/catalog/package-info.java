/**
 * The product catalog: one Lucene index directory per generation, sample data and catalog files.
 *
 * <p>{@link dev.recsys.index.catalog.CatalogIndex} holds one generation and answers the four catalog
 * questions a feed or a search asks: nearest items to a vector ({@code knn}), text search ({@code
 * search}), newest items ({@code newest}) and a category-spread list for shoppers with no history
 * ({@code diverse}). Results are {@link dev.recsys.index.catalog.Hit}s; constraints are an {@link
 * dev.recsys.index.catalog.ItemFilter}.
 *
 * <h2>Document layout</h2>
 *
 * <ul>
 *   <li>Analysed text for BM25, one analyser per field through a {@code PerFieldAnalyzerWrapper}: title,
 *       description and tags get the English chain (standard tokenizer, possessive removal, lower case,
 *       ASCII folding, stop words, Porter stemming) because they are prose; brand gets lower case and
 *       ASCII folding only, since a brand is a name that stemming or stop words would damage ("The
 *       Ordinary"); category is split at {@code >} and inside levels, then stemmed, so "board game" finds
 *       {@code toys>games>board-games}.
 *   <li>Exact fields ({@code StringField} with sorted doc values) for itemId, brand, the normalised
 *       category path, every prefix of it (so a category filter is one term lookup) and its top level,
 *       sellerId, sellerTier and inStock; price and createdAt as {@code DoubleField}/{@code LongField}
 *       (points for range filters plus doc values for sorting).
 *   <li>The item's contract JSON as a stored field, so a hit rebuilds the exact {@code CatalogItem}.
 *   <li>The content vector as a {@code KnnFloatVectorField} with dot-product similarity (vectors are unit
 *       length). An item whose text has no features has no vector: a zero vector is illegal for
 *       dot-product and cosine similarity in Lucene, and giving it an arbitrary direction would make it a
 *       false neighbour of unrelated items. Such an item is still found by search, newest and diverse,
 *       and its published vector is all zeros, which leaves shopper profiles unchanged.
 * </ul>
 *
 * <h2>Filtered HNSW</h2>
 *
 * {@code knn} passes the filter to {@code KnnFloatVectorQuery} instead of filtering its results: the graph
 * walk (Malkov and Yashunin, "Efficient and robust approximate nearest neighbor search using Hierarchical
 * Navigable Small World graphs", 2016) only collects accepted documents, and Lucene switches to an exact
 * scan when the filter is so selective that the walk would cost more. Filtering afterwards would return
 * fewer than {@code k} items, or none, for a narrow category or price range. The graph's {@code maxConn}
 * and {@code beamWidth} (and optional int8 quantisation) are set by {@link
 * dev.recsys.index.catalog.IndexSettings} through a per-field vectors format of the default codec.
 *
 * <p>The accepted documents are a bitset per segment. A request's vector searches (content, CF, sequence
 * model) share one ({@code AcceptedDocsQuery}), and its part without exclusions (in stock, a category, a
 * price range) is kept per segment while the segment lives ({@code SegmentFilterBits}): a feed copies it
 * and clears the shopper's excluded items, instead of evaluating the filter over the whole catalog.
 *
 * <h2>Text queries</h2>
 *
 * Shopper text never reaches a query parser: it is analysed with each field's analyser into terms that
 * become optional, boosted term clauses (title 3, brand 2, tags 2, category 1.5, description 1), with
 * filters as non-scoring clauses. Quotes, brackets, {@code AND}, {@code -} or {@code *} are just text.
 *
 * <h2>Generations and updates</h2>
 *
 * A generation is built into a fresh directory ({@code build}) and records its generation number and
 * vector dimension in the commit. Near-real-time updates ({@code upsert}, {@code delete}) replace
 * documents by itemId and become visible after {@code refresh}; queries always run on a searcher acquired
 * from a {@code SearcherManager} and released afterwards, so updates and a later close never disturb a
 * query in flight.
 *
 * <p>Behind {@code CatalogIndex} and {@link dev.recsys.index.catalog.CatalogView}, each part of a
 * generation has a class of its own: {@code GenerationFormat} (the commit keys and the writer every
 * generation is written with; opening one), {@code GenerationBuilder} (the {@code CatalogIndex.Builder}
 * that writes a new one), {@code LuceneGeneration} (the directory, writer and searchers of an open one),
 * {@code ItemDocuments} (an item validated and embedded on its way in),
 * {@code CatalogSchema} (its document), {@code StoredItems} (items read back from their stored JSON, kept
 * per segment doc), and {@code NewestItems} and {@code NewestPerCategory} (the sorted lists feeds ask
 * for, kept per filter until a refresh).
 *
 * <p>{@link dev.recsys.index.catalog.SampleCatalog} generates a reproducible catalog with a realistic,
 * skewed seller distribution; {@link dev.recsys.index.catalog.CatalogFile} reads and writes JSON Lines
 * catalog files with per-line errors; {@link dev.recsys.index.catalog.ItemVectorPublisher} publishes a
 * generation's vectors to Kafka.
 */
package dev.recsys.index.catalog;
