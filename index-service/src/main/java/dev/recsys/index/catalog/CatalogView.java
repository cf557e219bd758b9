package dev.recsys.index.catalog;

import dev.recsys.index.embed.TextEmbedder;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.vector.VectorMath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * One point-in-time view of a catalog generation, for a request that asks several questions: every
 * query and lookup sees the same items, and each {@link Hit} remembers its document, so reading the
 * hit's vectors needs no second lookup by id (at a million items, those id lookups were much of a
 * feed's cost). Not thread-safe: one request uses it; closing it lets the index release the reader.
 */
public final class CatalogView implements AutoCloseable {
    private final CatalogIndex index;
    private final StoredItems items;
    private final IndexSearcher searcher;
    private final List<LeafReaderContext> leaves;
    private final float[] noContent;
    private final VectorCursor[] contentValues;
    private final VectorCursor[] cfValues;
    private final VectorCursor[] seqValues;
    private final Map<ItemFilter, Query> acceptedByFilter = new HashMap<>();
    private boolean closed;

    CatalogView(CatalogIndex index, IndexSearcher searcher) {
        this.index = index;
        this.items = index.items();
        this.searcher = searcher;
        this.leaves = searcher.getIndexReader().leaves();
        this.noContent = new float[index.dimension()];
        this.contentValues = new VectorCursor[leaves.size()];
        this.cfValues = new VectorCursor[leaves.size()];
        this.seqValues = new VectorCursor[leaves.size()];
    }

    public long generation() {
        return index.generation();
    }

    public int dimension() {
        return index.dimension();
    }

    public int cfDimension() {
        return index.cfDimension();
    }

    public int seqDimension() {
        return index.seqDimension();
    }

    public TextEmbedder embedder() {
        return index.embedder();
    }

    /**
     * Whether {@code content}, a shopper's content profile, can personalise answers on this view: it
     * has the catalog's dimension and a direction (not all zeros, as when likes and dislikes cancel out).
     */
    public boolean personalisesWith(float[] content) {
        return content.length == dimension() && !VectorMath.isZero(content);
    }

    // ---- queries -----------------------------------------------------------------------------

    /** See {@link CatalogIndex#knn}. */
    public List<Hit> knn(float[] vector, int k, ItemFilter filter) {
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(filter, "filter");
        CatalogIndex.checkK(k);
        if (vector.length != index.dimension()) {
            throw new IllegalArgumentException(
                    "vector has dimension " + vector.length + ", the catalog index has " + index.dimension());
        }
        checkFinite(vector);
        if (VectorMath.isZero(vector)) {
            return List.of();
        }
        Query query =
                new KnnFloatVectorQuery(CatalogSchema.CONTENT, VectorMath.normalized(vector), k, accepted(filter));
        return run(() -> scored(searcher.search(query, k)));
    }

    /** See {@link CatalogIndex#knnCf}. */
    public List<Hit> knnCf(float[] vector, int k, ItemFilter filter) {
        return knnInnerProduct(CatalogSchema.CF, index.cfDimension(), vector, k, filter);
    }

    /** See {@link CatalogIndex#knnSeq}. */
    public List<Hit> knnSeq(float[] vector, int k, ItemFilter filter) {
        return knnInnerProduct(CatalogSchema.SEQ, index.seqDimension(), vector, k, filter);
    }

    /** The largest inner products over a trained model's vector field of the given dimension. */
    private List<Hit> knnInnerProduct(String field, int dimension, float[] vector, int k, ItemFilter filter) {
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(filter, "filter");
        CatalogIndex.checkK(k);
        if (vector.length != dimension || VectorMath.isZero(vector)) {
            return List.of();
        }
        checkFinite(vector);
        // Not normalised: the length of x scales every x·y alike, the order is the same.
        Query query = new KnnFloatVectorQuery(field, vector.clone(), k, accepted(filter));
        return run(() -> scored(searcher.search(query, k)));
    }

    /** See {@link CatalogIndex#search}. */
    public List<Hit> search(String text, int k, ItemFilter filter) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(filter, "filter");
        CatalogIndex.checkK(k);
        Set<String> titleTerms =
                CatalogSchema.analyse(index.analyzer(), CatalogSchema.TITLE, text, CatalogSchema.MAX_QUERY_TERMS);
        if (titleTerms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder terms = new BooleanQuery.Builder();
        for (String field : CatalogSchema.SEARCH_FIELDS) {
            Set<String> fieldTerms = field.equals(CatalogSchema.TITLE)
                    ? titleTerms
                    : CatalogSchema.analyse(index.analyzer(), field, text, CatalogSchema.MAX_QUERY_TERMS);
            float boost = CatalogSchema.SEARCH_BOOSTS.get(field);
            for (String term : fieldTerms) {
                terms.add(new BoostQuery(new TermQuery(new Term(field, term)), boost), Occur.SHOULD);
            }
        }
        Query textQuery = terms.build();
        Query filterQuery = CatalogSchema.filterQuery(filter);
        Query query = filterQuery == null
                ? textQuery
                : new BooleanQuery.Builder()
                        .add(textQuery, Occur.MUST)
                        .add(filterQuery, Occur.FILTER)
                        .build();
        return run(() -> scored(searcher.search(query, k)));
    }

    /** See {@link CatalogIndex#newest}. */
    public List<Hit> newest(int k, ItemFilter filter) {
        Objects.requireNonNull(filter, "filter");
        CatalogIndex.checkK(k);
        Set<String> excluded = filter.excludeItemIds();
        return run(() -> {
            List<Hit> hits = new ArrayList<>(k);
            for (ScoreDoc doc : index.newest(searcher, filter, k + excluded.size())) {
                CatalogItem item = itemAt(doc.doc);
                if (!excluded.contains(item.itemId())) {
                    hits.add(new Hit(item, 1f / (1 + hits.size()), doc.doc));
                    if (hits.size() == k) {
                        break;
                    }
                }
            }
            return hits;
        });
    }

    /** See {@link CatalogIndex#diverse}. */
    public List<Hit> diverse(int k, ItemFilter filter, long seed) {
        Objects.requireNonNull(filter, "filter");
        CatalogIndex.checkK(k);
        return run(() -> {
            List<ScoreDoc[]> perCategory = new ArrayList<>(index.newestPerCategory(searcher, filter, k));
            Collections.shuffle(perCategory, new Random(seed));
            List<ScoreDoc> picked = new ArrayList<>(k);
            for (int round = 0; picked.size() < k; round++) {
                boolean any = false;
                for (ScoreDoc[] docs : perCategory) {
                    if (round < docs.length && picked.size() < k) {
                        picked.add(docs[round]);
                        any = true;
                    }
                }
                if (!any) {
                    break;
                }
            }
            return ranked(picked.toArray(new ScoreDoc[0]));
        });
    }

    // ---- lookups -----------------------------------------------------------------------------

    /** The live item with this id as a hit scored 0, or empty when there is none. */
    public Optional<Hit> find(String itemId) {
        Objects.requireNonNull(itemId, "itemId");
        return run(() -> {
            int doc = docOf(itemId);
            return doc < 0 ? Optional.empty() : Optional.of(new Hit(itemAt(doc), 0f, doc));
        });
    }

    /** Whether a live item has this id: a look-up in the terms index, without reading the item. */
    public boolean contains(String itemId) {
        Objects.requireNonNull(itemId, "itemId");
        return run(() -> docOf(itemId) >= 0);
    }

    /** The live item with this id. */
    public Optional<CatalogItem> item(String itemId) {
        return find(itemId).map(Hit::item);
    }

    /**
     * The hit's content vector (a copy), all zeros for an item whose text had no features; the hit
     * must come from this view.
     */
    public float[] contentVector(Hit hit) {
        return run(() -> {
            float[] vector = vectorAt(CatalogSchema.CONTENT, contentValues, docOf(hit));
            return vector == null ? new float[index.dimension()] : vector.clone();
        });
    }

    /** The hit's content vector by id: see {@link CatalogIndex#contentVector}. */
    public float[] contentVector(String itemId) {
        return find(itemId).map(this::contentVector).orElse(null);
    }

    /** The hit's CF vector (a copy), or null when it has none; the hit must come from this view. */
    public float[] cfVector(Hit hit) {
        return vectorCopy(CatalogSchema.CF, cfValues, hit);
    }

    /** The hit's sequence model embedding (a copy), or null when it has none; the hit must come from this view. */
    public float[] seqVector(Hit hit) {
        return vectorCopy(CatalogSchema.SEQ, seqValues, hit);
    }

    private float[] vectorCopy(String field, VectorCursor[] cursors, Hit hit) {
        return run(() -> {
            float[] vector = vectorAt(field, cursors, docOf(hit));
            return vector == null ? null : vector.clone();
        });
    }

    /**
     * {@link VectorMath#cosine} of {@code vector} and the hit's content vector (0 for an item without
     * one), read in place; the hit must come from this view.
     */
    public double contentCosine(Hit hit, float[] vector) {
        return run(() -> {
            float[] content = vectorAt(CatalogSchema.CONTENT, contentValues, docOf(hit));
            return VectorMath.cosine(vector, content == null ? noContent : content);
        });
    }

    /**
     * {@link VectorMath#dot} of {@code vector} and the hit's CF vector, read in place, or NaN when the
     * item has no CF vector; the hit must come from this view.
     */
    public double cfDot(Hit hit, float[] vector) {
        return dot(CatalogSchema.CF, cfValues, hit, vector);
    }

    /**
     * {@link VectorMath#dot} of {@code vector} and the hit's sequence model embedding, read in place, or NaN
     * when the item has none; the hit must come from this view.
     */
    public double seqDot(Hit hit, float[] vector) {
        return dot(CatalogSchema.SEQ, seqValues, hit, vector);
    }

    private double dot(String field, VectorCursor[] cursors, Hit hit, float[] vector) {
        return run(() -> {
            float[] trained = vectorAt(field, cursors, docOf(hit));
            return trained == null ? Double.NaN : VectorMath.dot(vector, trained);
        });
    }

    /** Releases the reader; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            index.release(searcher);
        }
    }

    // ---- internals ---------------------------------------------------------------------------

    @FunctionalInterface
    private interface Read<T> {
        T get() throws IOException;
    }

    /**
     * The filter of this view's vector searches, evaluated once per filter: a feed's content, CF and sequence
     * searches share one evaluation instead of each going over the whole catalog.
     */
    private Query accepted(ItemFilter filter) {
        if (filter.isUnconstrained()) {
            return null;
        }
        return acceptedByFilter.computeIfAbsent(
                filter, f -> run(() -> AcceptedDocsQuery.of(f, searcher, index.filterBits())));
    }

    private <T> T run(Read<T> read) {
        if (closed) {
            throw new IllegalStateException("the catalog view is closed");
        }
        try {
            return read.get();
        } catch (IOException e) {
            throw new UncheckedIOException("catalog index read failed at " + index.path(), e);
        }
    }

    private static int docOf(Hit hit) {
        if (hit.doc() < 0) {
            throw new IllegalArgumentException("hit of item '" + hit.itemId() + "' does not come from a catalog view");
        }
        return hit.doc();
    }

    /** The global doc of the live item with this id, or -1. */
    private int docOf(String itemId) throws IOException {
        BytesRef id = new BytesRef(itemId);
        for (LeafReaderContext context : leaves) {
            LeafReader leaf = context.reader();
            Terms terms = leaf.terms(CatalogSchema.ITEM_ID);
            if (terms == null) {
                continue;
            }
            TermsEnum termsEnum = terms.iterator();
            if (!termsEnum.seekExact(id)) {
                continue;
            }
            Bits live = leaf.getLiveDocs();
            PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (live == null || live.get(doc)) {
                    return context.docBase + doc;
                }
            }
        }
        return -1;
    }

    /**
     * The vector of {@code field} at a global doc, in a buffer the next read overwrites, or null when the
     * doc has none.
     */
    private float[] vectorAt(String field, VectorCursor[] perLeaf, int globalDoc) throws IOException {
        int ord = ReaderUtil.subIndex(globalDoc, leaves);
        LeafReaderContext leaf = leaves.get(ord);
        if (perLeaf[ord] == null) {
            perLeaf[ord] = new VectorCursor(leaf.reader(), field);
        }
        return perLeaf[ord].vectorAt(globalDoc - leaf.docBase);
    }

    /**
     * One segment's vectors of a field. Finding a doc's vector goes through an iterator that only moves
     * forward (for a field some docs lack, Lucene shares one per vector values), so a doc behind it
     * reopens the values; reads in doc order never do.
     */
    private static final class VectorCursor {
        private final LeafReader reader;
        private final String field;
        private FloatVectorValues values;
        private KnnVectorValues.DocIndexIterator iterator;

        VectorCursor(LeafReader reader, String field) throws IOException {
            this.reader = reader;
            this.field = field;
            reopen();
        }

        float[] vectorAt(int doc) throws IOException {
            if (values == null) {
                return null;
            }
            if (iterator.docID() > doc) {
                reopen();
            }
            int at = iterator.docID() < doc ? iterator.advance(doc) : iterator.docID();
            return at == doc ? values.vectorValue(iterator.index()) : null;
        }

        private void reopen() throws IOException {
            values = reader.getFloatVectorValues(field);
            iterator = values == null ? null : values.iterator();
        }
    }

    private CatalogItem itemAt(int globalDoc) throws IOException {
        return items.itemAt(leaves.get(ReaderUtil.subIndex(globalDoc, leaves)), globalDoc);
    }

    private List<Hit> scored(TopDocs top) throws IOException {
        List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc doc : top.scoreDocs) {
            hits.add(new Hit(itemAt(doc.doc), doc.score, doc.doc));
        }
        return hits;
    }

    /** Hits of an unscored list, scored {@code 1 / (1 + rank)}. */
    private List<Hit> ranked(ScoreDoc[] docs) throws IOException {
        List<Hit> hits = new ArrayList<>(docs.length);
        for (int rank = 0; rank < docs.length; rank++) {
            hits.add(new Hit(itemAt(docs[rank].doc), 1f / (1 + rank), docs[rank].doc));
        }
        return hits;
    }

    private static void checkFinite(float[] vector) {
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("vector has a non-finite entry");
            }
        }
    }
}
