package dev.recsys.index.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.recsys.ranker.json.CatalogItemJson;
import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;

/**
 * The items of one generation as they were stored: each document keeps its item's contract JSON, and a
 * hit is rebuilt from it. Reading an item means decompressing a stored-fields block and parsing JSON,
 * which took half the service's CPU when a feed loaded its ~300 candidates that way; so parsed items are
 * kept by (segment, doc), the least valuable out first (Caffeine's frequency and recency). A segment
 * never changes, so an entry never goes stale: an update writes a new document, and a merged-away
 * segment's entries are no longer asked for and age out. Thread-safe.
 */
final class StoredItems {
    private static final Set<String> SOURCE_ONLY = Set.of(CatalogSchema.SOURCE);

    private final Cache<SegmentDoc, CatalogItem> cache;

    /** @param capacity parsed items kept (about 1 KiB of heap each) */
    StoredItems(int capacity) {
        this.cache = Caffeine.newBuilder().maximumSize(capacity).build();
    }

    /**
     * The item at a global doc of {@code leaf}'s searcher. Two requests missing the same item may both
     * read it; the items are equal, either is kept.
     */
    CatalogItem itemAt(LeafReaderContext leaf, int globalDoc) throws IOException {
        int doc = globalDoc - leaf.docBase;
        IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
        if (helper == null) {
            return load(leaf.reader().storedFields(), doc);
        }
        SegmentDoc key = new SegmentDoc(helper.getKey(), doc);
        CatalogItem item = cache.getIfPresent(key);
        if (item == null) {
            // Read outside the cache's locks: a cache load would hold one while Lucene reads and parses.
            item = load(leaf.reader().storedFields(), doc);
            cache.put(key, item);
        }
        return item;
    }

    /**
     * Calls {@code consumer} with every live item of {@code searcher} and a copy of its content vector
     * (all zeros of {@code dimension} when it has none). Items are read without the cache: a scan of the
     * whole catalog would only evict the items queries ask for.
     */
    static void scan(IndexSearcher searcher, int dimension, BiConsumer<CatalogItem, float[]> consumer)
            throws IOException {
        for (LeafReaderContext context : searcher.getIndexReader().leaves()) {
            LeafReader leaf = context.reader();
            Bits live = leaf.getLiveDocs();
            StoredFields stored = leaf.storedFields();
            FloatVectorValues values = leaf.getFloatVectorValues(CatalogSchema.CONTENT);
            KnnVectorValues.DocIndexIterator iterator = values == null ? null : values.iterator();
            for (int doc = 0; doc < leaf.maxDoc(); doc++) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                float[] vector = null;
                if (iterator != null) {
                    int at = iterator.docID() < doc ? iterator.advance(doc) : iterator.docID();
                    if (at == doc) {
                        vector = values.vectorValue(iterator.index()).clone();
                    }
                }
                consumer.accept(load(stored, doc), vector == null ? new float[dimension] : vector);
            }
        }
    }

    /** The item of a segment's doc, read and parsed without the cache. */
    static CatalogItem load(StoredFields stored, int doc) throws IOException {
        Document document = stored.document(doc, SOURCE_ONLY);
        return CatalogItemJson.parse(document.get(CatalogSchema.SOURCE));
    }

    private record SegmentDoc(IndexReader.CacheKey segment, int doc) {}
}
