package dev.recsys.index.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.lucene.search.IndexSearcher;

/**
 * Answers kept per key until the searcher changes (a refresh): doc ids are only valid for the searcher
 * they came from. Holds about {@code capacity} keys, the least used out first; thread-safe, and a read
 * takes no lock, since every feed asks.
 */
final class SearcherMemo<K, V> {
    private record Kept<V>(IndexSearcher searcher, V value) {}

    private final Cache<K, Kept<V>> entries;

    SearcherMemo(int capacity) {
        this.entries = Caffeine.newBuilder().maximumSize(capacity).build();
    }

    /** The answer kept for {@code key} from {@code searcher}, or null. */
    V get(K key, IndexSearcher searcher) {
        Kept<V> entry = entries.getIfPresent(key);
        return entry != null && entry.searcher() == searcher ? entry.value() : null;
    }

    void put(K key, IndexSearcher searcher, V value) {
        entries.put(key, new Kept<>(searcher, value));
    }

    /** Keys held once pending evictions are done. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
