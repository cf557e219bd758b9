package dev.recsys.index.catalog;

import java.io.IOException;
import java.util.Set;
import org.apache.lucene.document.LongField;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;

/**
 * The newest items passing a filter, newest first (ties by itemId). Every feed asks for the newest
 * few items, and the sorted search behind it reads every matching item (at a million items, a seventh
 * of the service's CPU); the answer differs between shoppers only by their exclusions. So the list is
 * kept per filter without exclusions, deep enough to drop the excluded items and still have
 * {@code k}, until the searcher changes (a refresh). Dropping items from a sorted list leaves the
 * order of the rest, so the answer is the one the filtered search gives.
 */
final class NewestItems {
    /** Lists are computed at least this deep, so most shoppers' exclusions fit without a new search. */
    private static final int MIN_DEPTH = 128;

    private final SearcherMemo<ItemFilter, Sorted> cache = new SearcherMemo<>(64);

    /** The sort of {@link CatalogIndex#newest}. */
    static Sort newestFirst() {
        return new Sort(
                LongField.newSortField(CatalogSchema.CREATED_AT, true, SortedNumericSelector.Type.MAX),
                new SortField(CatalogSchema.ITEM_ID, SortField.Type.STRING));
    }

    /**
     * At least the {@code depth} newest docs of {@code searcher} passing {@code filter} without its
     * exclusions (fewer only when fewer match), newest first; the caller drops the excluded ones.
     */
    ScoreDoc[] newest(IndexSearcher searcher, ItemFilter filter, int depth) throws IOException {
        ItemFilter base = filter.withExclusions(Set.of());
        Sorted cached = cache.get(base, searcher);
        if (cached != null && cached.covers(depth)) {
            return cached.docs();
        }
        int deep = Math.max(depth, MIN_DEPTH);
        Query query = CatalogSchema.matching(base);
        ScoreDoc[] docs = searcher.search(query, deep, newestFirst()).scoreDocs;
        cache.put(base, searcher, new Sorted(docs, deep));
        return docs;
    }

    private record Sorted(ScoreDoc[] docs, int asked) {
        /** Whether the list holds the {@code depth} newest: it was asked that deep, or holds every match. */
        boolean covers(int depth) {
            return asked >= depth || docs.length < asked;
        }
    }
}
