package dev.recsys.index.catalog;

import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.index.embed.TextEmbedder;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.InvalidRecordException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;

/**
 * One generation of the product catalog in a Lucene index directory: analysed text fields for BM25
 * search, exact fields for filters and sorting, the item's JSON to rebuild it, and its content vector in
 * an HNSW graph for nearest-neighbour search. See the package documentation for the field layout.
 *
 * <p>Queries are thread-safe and run on a point-in-time searcher from a {@link SearcherManager};
 * {@link #upsert} and {@link #delete} become visible to queries after {@link #refresh} (near-real-time)
 * and durable after {@link #commit} or {@link #close}. Query methods throw {@link UncheckedIOException}
 * when the directory cannot be read and {@link org.apache.lucene.store.AlreadyClosedException} after
 * {@link #close}.
 */
public final class CatalogIndex implements AutoCloseable {
    /** Largest {@code k} a query accepts. */
    public static final int MAX_K = 10_000;

    /** Parsed items kept for query hits: ~1 KiB each, so at most ~100 MiB of heap. */
    static final int ITEM_CACHE_SIZE = 100_000;

    private final Path path;
    private final LuceneGeneration lucene;
    private final TextEmbedder embedder;
    private final long generation;
    private final int dimension;
    private final int cfDimension;
    private final int seqDimension;
    private final Analyzer analyzer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final StoredItems items = new StoredItems(ITEM_CACHE_SIZE);
    private final SegmentFilterBits filterBits = new SegmentFilterBits();
    private final NewestItems newestItems = new NewestItems();
    private final NewestPerCategory newestPerCategory = new NewestPerCategory();

    CatalogIndex(
            Path path,
            Directory directory,
            IndexWriter writer,
            TextEmbedder embedder,
            long generation,
            Analyzer analyzer)
            throws IOException {
        this.path = path;
        this.lucene = new LuceneGeneration(path, directory, writer);
        this.embedder = embedder;
        this.generation = generation;
        this.dimension = embedder.dimension();
        this.analyzer = analyzer;
        String cf = commitData().get(GenerationFormat.CF_DIMENSION_KEY);
        this.cfDimension = cf == null ? 0 : Integer.parseInt(cf);
        String seq = commitData().get(GenerationFormat.SEQ_DIMENSION_KEY);
        this.seqDimension = seq == null ? 0 : Integer.parseInt(seq);
    }

    /** {@link #build(Path, List, TextEmbedder, long, IndexSettings)} with {@link IndexSettings#DEFAULTS}. */
    public static CatalogIndex build(Path directory, List<CatalogItem> items, TextEmbedder embedder, long generation)
            throws IOException {
        return build(directory, items, embedder, generation, IndexSettings.DEFAULTS);
    }

    /**
     * Writes {@code items} into a new index at {@code directory} (which must not exist or be empty), embeds
     * each with {@code embedder}, commits, and opens it for queries. For catalogs that do not fit in a list,
     * stream them through a {@link #builder}.
     *
     * @throws IllegalArgumentException if the directory is not empty, two items share an id, or an item
     *     breaks the catalog contract ({@link InvalidRecordException}, naming the item and field)
     */
    public static CatalogIndex build(
            Path directory, List<CatalogItem> items, TextEmbedder embedder, long generation, IndexSettings settings)
            throws IOException {
        Objects.requireNonNull(items, "items");
        Set<String> seen = new HashSet<>();
        for (CatalogItem item : items) {
            if (!seen.add(item.itemId())) {
                throw new IllegalArgumentException("duplicate itemId '" + item.itemId() + "' in the catalog");
            }
        }
        try (Builder builder = builder(directory, embedder, generation, settings)) {
            for (CatalogItem item : items) {
                builder.add(item);
            }
            return builder.finish(Map.of());
        }
    }

    /**
     * A writer for a new generation at {@code directory} (which must not exist or be empty) that takes items
     * one at a time, so a catalog of any size is built in bounded heap (the indexing buffer of {@code
     * settings}). {@link Builder#finish} commits and opens the index; closing an unfinished builder
     * abandons it (the caller deletes the directory).
     *
     * @throws IllegalArgumentException if the directory is not empty or {@code generation} is negative
     */
    public static Builder builder(Path directory, TextEmbedder embedder, long generation, IndexSettings settings)
            throws IOException {
        return GenerationBuilder.create(directory, embedder, generation, settings);
    }

    /**
     * Streams items into a new generation. An item whose id was added before replaces it (last one wins).
     * Not thread-safe: one thread adds.
     */
    public interface Builder extends AutoCloseable {
        /**
         * Embeds and adds {@code item} (replacing an earlier item with its id).
         *
         * @throws InvalidRecordException if the item breaks the catalog contract (nothing is added)
         */
        default void add(CatalogItem item) throws IOException {
            add(item, null);
        }

        /**
         * {@link #add(CatalogItem)} with the item's CF vector ({@code null} when it has none). The first CF
         * vector fixes the CF dimension of the generation.
         *
         * @throws IllegalArgumentException if {@code cf} has another dimension than earlier ones
         */
        void add(CatalogItem item, float[] cf) throws IOException;

        /**
         * {@link #add(CatalogItem, float[])} with the item's sequence model embedding ({@code null} when it
         * has none); the first fixes the generation's dimension of them.
         */
        void add(CatalogItem item, float[] cf, float[] seq) throws IOException;

        /** Items added so far, repeated ids included. */
        long added();

        /**
         * Merges the generation into one segment, commits (with {@code commitData} added to the
         * generation's own keys) and opens the index for queries; the builder is then done. One segment
         * is one HNSW graph and one term dictionary per field: at 1,000,000 items, searching seven
         * segments instead of one cost 1.6x the CPU per request (docs/BENCHMARKS.md), for a merge that
         * adds about the time of indexing the catalog once more.
         */
        CatalogIndex finish(Map<String, String> commitData) throws IOException;

        /** Abandons an unfinished build (nothing is committed); does nothing after {@link #finish}. */
        @Override
        void close() throws IOException;
    }

    /** {@link #open(Path, TextEmbedder, IndexSettings)} with {@link IndexSettings#DEFAULTS}. */
    public static CatalogIndex open(Path directory, TextEmbedder embedder) throws IOException {
        return open(directory, embedder, IndexSettings.DEFAULTS);
    }

    /**
     * Opens an index written by {@link #build} (e.g. after a restart). Stored vectors are used as they are;
     * {@code embedder} embeds query text and upserted items, so it must be the one the index was built with
     * (for {@link HashedNgramEmbedder}: saved with {@link HashedNgramEmbedder#write}).
     *
     * @throws IllegalArgumentException if there is no catalog index at {@code directory} or its dimension
     *     differs from the embedder's
     */
    public static CatalogIndex open(Path directory, TextEmbedder embedder, IndexSettings settings) throws IOException {
        return GenerationFormat.open(directory, embedder, settings);
    }

    // ---- properties --------------------------------------------------------------------------

    /** Live items as of the last {@link #refresh}. */
    public int size() {
        return lucene.withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    public long generation() {
        return generation;
    }

    public int dimension() {
        return dimension;
    }

    public TextEmbedder embedder() {
        return embedder;
    }

    /** The index directory. */
    public Path path() {
        return path;
    }

    /** Bytes of the index files on disk (the last commit and whatever was flushed since). */
    public long bytesOnDisk() {
        return lucene.bytesOnDisk();
    }

    /**
     * The commit user data that the next {@link #commit} writes: the generation's own keys plus whatever was
     * {@link #putCommitData put} (e.g. the catalog-topic offsets this generation has applied).
     */
    public Map<String, String> commitData() {
        return lucene.commitData();
    }

    /** Adds or replaces keys of the commit user data; durable with the next {@link #commit} or {@link #close}. */
    public void putCommitData(Map<String, String> entries) {
        lucene.putCommitData(entries);
    }

    /** The item's CF vector (a copy), or {@code null} for an unknown item or one without a CF vector. */
    public float[] cfVector(String itemId) {
        Objects.requireNonNull(itemId, "itemId");
        try (CatalogView view = view()) {
            return view.find(itemId).map(view::cfVector).orElse(null);
        }
    }

    /** The item's sequence model embedding (a copy), or {@code null} for an unknown item or one without. */
    public float[] seqVector(String itemId) {
        Objects.requireNonNull(itemId, "itemId");
        try (CatalogView view = view()) {
            return view.find(itemId).map(view::seqVector).orElse(null);
        }
    }

    // ---- lookups -----------------------------------------------------------------------------

    public Optional<CatalogItem> item(String itemId) {
        Objects.requireNonNull(itemId, "itemId");
        try (CatalogView view = view()) {
            return view.item(itemId);
        }
    }

    /**
     * The item's content vector (a copy), all zeros for an item whose text had no features, {@code null}
     * for an unknown item.
     */
    public float[] contentVector(String itemId) {
        Objects.requireNonNull(itemId, "itemId");
        try (CatalogView view = view()) {
            return view.contentVector(itemId);
        }
    }

    /**
     * Calls {@code consumer} with every live item and its content vector (all zeros when the item has
     * none), on one point-in-time view of the index. The vector array is the consumer's to keep.
     */
    public void forEach(BiConsumer<CatalogItem, float[]> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        lucene.withSearcher(searcher -> {
            StoredItems.scan(searcher, dimension, consumer);
            return null;
        });
    }

    // ---- queries -----------------------------------------------------------------------------

    /**
     * The {@code k} items nearest to {@code vector} by dot product among those passing {@code filter}.
     * The filter runs inside the HNSW search (Lucene switches to exact search when it is very selective),
     * so {@code k} results come back whenever {@code k} items match. {@code vector} is normalised first;
     * an all-zero vector has no direction and gives an empty list. Scores are Lucene's: {@code (1 + cos) /
     * 2}.
     */
    public List<Hit> knn(float[] vector, int k, ItemFilter filter) {
        try (CatalogView view = view()) {
            return view.knn(vector, k, filter);
        }
    }

    /**
     * The dimension of the generation's CF vectors, 0 when it has none (no CF model was trained for
     * it).
     */
    public int cfDimension() {
        return cfDimension;
    }

    /** The dimension of the generation's sequence model embeddings, 0 when it has no sequence model. */
    public int seqDimension() {
        return seqDimension;
    }

    /**
     * The {@code k} items with the largest sequence model score {@code e·v} for the shopper's sequence
     * embedding {@code e}, among those passing {@code filter} and having an embedding; empty when the
     * generation has none or {@code e} has another dimension or is all zero.
     */
    public List<Hit> knnSeq(float[] vector, int k, ItemFilter filter) {
        try (CatalogView view = view()) {
            return view.knnSeq(vector, k, filter);
        }
    }

    /**
     * The {@code k} items with the largest CF preference {@code x·y} for the shopper's CF factor {@code
     * x}, among those passing {@code filter} and having a CF vector. Empty when the generation has no CF
     * vectors or {@code x} has another dimension (a factor folded into another model), or is all zero.
     * Scores are Lucene's scaled inner product, monotone in {@code x·y}.
     */
    public List<Hit> knnCf(float[] vector, int k, ItemFilter filter) {
        try (CatalogView view = view()) {
            return view.knnCf(vector, k, filter);
        }
    }

    /**
     * BM25 search for {@code text} over title (boost 3), brand (2), tags (2), category (1.5) and description
     * (1). The text is never parsed as query syntax: each field's analyser turns it into terms (at most
     * {@value CatalogSchema#MAX_QUERY_TERMS} per field) that become optional term clauses; {@code filter}
     * adds non-scoring filter clauses. Text with no terms (empty, punctuation, only stop words) gives an
     * empty list.
     */
    public List<Hit> search(String text, int k, ItemFilter filter) {
        try (CatalogView view = view()) {
            return view.search(text, k, filter);
        }
    }

    /** The {@code k} most recently created items passing {@code filter}, newest first (ties by itemId). */
    public List<Hit> newest(int k, ItemFilter filter) {
        try (CatalogView view = view()) {
            return view.newest(k, filter);
        }
    }

    /**
     * Up to {@code k} items passing {@code filter}, spread over the top-level categories for shoppers with no
     * history: the categories in an order shuffled by {@code seed}, then round-robin, taking each category's
     * items newest first. The same index, filter and seed always give the same list.
     */
    public List<Hit> diverse(int k, ItemFilter filter, long seed) {
        try (CatalogView view = view()) {
            return view.diverse(k, filter, seed);
        }
    }

    /** See {@link NewestPerCategory#of}. */
    List<ScoreDoc[]> newestPerCategory(IndexSearcher searcher, ItemFilter filter, int k) throws IOException {
        return newestPerCategory.of(searcher, filter, k);
    }

    /** See {@link NewestItems#newest}. */
    ScoreDoc[] newest(IndexSearcher searcher, ItemFilter filter, int depth) throws IOException {
        return newestItems.newest(searcher, filter, depth);
    }

    // ---- updates -----------------------------------------------------------------------------

    /**
     * Adds or replaces the item with {@code item.itemId()}, embedding it with this index's embedder; a
     * replaced item keeps its CF vector and sequence model embedding. Visible after {@link #refresh}.
     *
     * @return the item's unit-length content vector (all zeros when its text has no features)
     * @throws InvalidRecordException if the item breaks the catalog contract
     */
    public float[] upsert(CatalogItem item) {
        Objects.requireNonNull(item, "item");
        CatalogItem valid = ItemDocuments.validated(item);
        float[] content = ItemDocuments.contentOf(valid, embedder);
        // The CF factor comes from training, not from the catalog record: an update keeps it.
        float[] cf = cfDimension > 0 ? cfVector(valid.itemId()) : null;
        float[] seq = seqDimension > 0 ? seqVector(valid.itemId()) : null;
        lucene.update(valid.itemId(), CatalogSchema.document(valid, content, cf, seq));
        return content;
    }

    /** Removes the item if present. Visible after {@link #refresh}. */
    public void delete(String itemId) {
        Objects.requireNonNull(itemId, "itemId");
        lucene.delete(itemId);
    }

    /** Makes earlier {@link #upsert}s and {@link #delete}s visible to new queries. */
    public void refresh() {
        lucene.refresh();
    }

    /** Makes earlier updates durable (a Lucene commit). */
    public void commit() {
        lucene.commit();
    }

    /**
     * Commits pending updates and releases the index. Queries already running keep their searcher and
     * finish; later calls throw {@link org.apache.lucene.store.AlreadyClosedException}. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            lucene.close();
        }
    }

    @Override
    public String toString() {
        return "CatalogIndex(generation=" + generation + ", dimension=" + dimension + ", path=" + path + ")";
    }

    // ---- internals ---------------------------------------------------------------------------

    /**
     * A point-in-time view for a request that asks several questions; close it when done. Throws
     * {@link org.apache.lucene.store.AlreadyClosedException} after {@link #close}.
     */
    public CatalogView view() {
        return new CatalogView(this, lucene.acquire());
    }

    void release(IndexSearcher searcher) {
        lucene.release(searcher);
    }

    Analyzer analyzer() {
        return analyzer;
    }

    /** The parsed items of this generation, kept by (segment, doc) for query hits. */
    StoredItems items() {
        return items;
    }

    /** The filters' bits of this generation's segments, kept for its vector searches. */
    SegmentFilterBits filterBits() {
        return filterBits;
    }

    static void checkK(int k) {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", got " + k);
        }
    }
}
