package dev.recsys.index.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.FixedBitSet;

/**
 * The documents of one segment that pass a filter without exclusions (in stock, a category, a price range),
 * kept while the segment lives. Most feeds ask for the same few such filters and differ only in the items
 * each shopper has already bought, so a request copies the segment's bits and clears its own exclusions
 * instead of evaluating the filter over the whole catalog. A segment's postings never change (deletions
 * are applied by the searches themselves), so an entry is never stale; a merged-away segment's entries
 * are dropped when its core closes. Thread-safe.
 */
final class SegmentFilterBits {
    /** Heap for kept bits: at 1,000,000 items a segment's bits take 125 KB, so some 500 filters fit. */
    static final long MAX_BYTES = 64L << 20;

    private final Cache<Key, Matching> cache;
    private final Set<IndexReader.CacheKey> watched = ConcurrentHashMap.newKeySet();

    SegmentFilterBits() {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(MAX_BYTES)
                .weigher((Key key, Matching bits) ->
                        (int) Math.min(Integer.MAX_VALUE, bits.bits().ramBytesUsed()))
                .build();
    }

    /**
     * The documents of {@code leaf} that {@code base} accepts (which must have no exclusions), and how many
     * there are. The bits are shared: a caller that changes them must copy them first.
     */
    Matching of(LeafReaderContext leaf, ItemFilter base) throws IOException {
        if (!base.excludeItemIds().isEmpty()) {
            throw new IllegalArgumentException("a kept filter has no exclusions");
        }
        IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
        if (core == null) {
            return evaluate(leaf, base);
        }
        Key key = new Key(core.getKey(), base);
        Matching kept = cache.getIfPresent(key);
        if (kept == null) {
            // Evaluated outside the cache's locks; two requests may both evaluate, either result is kept.
            kept = evaluate(leaf, base);
            watch(core);
            cache.put(key, kept);
        }
        return kept;
    }

    /** How many (segment, filter) bitsets are kept, for tests. */
    long keptEntries() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private void watch(IndexReader.CacheHelper core) {
        if (watched.add(core.getKey())) {
            core.addClosedListener(closed -> {
                watched.remove(closed);
                cache.asMap().keySet().removeIf(key -> key.segment() == closed);
            });
        }
    }

    private static Matching evaluate(LeafReaderContext leaf, ItemFilter base) throws IOException {
        int maxDoc = leaf.reader().maxDoc();
        FixedBitSet bits = new FixedBitSet(maxDoc);
        Query query = CatalogSchema.filterQuery(base);
        if (query == null) {
            bits.set(0, maxDoc);
            return new Matching(bits, maxDoc);
        }
        IndexSearcher searcher = new IndexSearcher(leaf.reader());
        searcher.setQueryCache(null);
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        Scorer scorer = weight.scorer(searcher.getIndexReader().leaves().getFirst());
        if (scorer != null) {
            bits.or(scorer.iterator());
        }
        return new Matching(bits, bits.cardinality());
    }

    /** A segment's matching documents and their count. */
    record Matching(FixedBitSet bits, int count) {}

    private record Key(IndexReader.CacheKey segment, ItemFilter base) {}
}
