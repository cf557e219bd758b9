package dev.recsys.index.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.search.IndexSearcher;

/**
 * Answers kept per key until the searcher changes (a refresh): doc ids are only valid for the searcher
 * they came from. Holds the {@code capacity} most recently used keys; thread-safe.
 */
final class SearcherMemo<K, V> {
    private record Kept<V>(IndexSearcher searcher, V value) {}

    private final Map<K, Kept<V>> entries;

    SearcherMemo(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Kept<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The answer kept for {@code key} from {@code searcher}, or null. */
    synchronized V get(K key, IndexSearcher searcher) {
        Kept<V> entry = entries.get(key);
        return entry != null && entry.searcher() == searcher ? entry.value() : null;
    }

    synchronized void put(K key, IndexSearcher searcher, V value) {
        entries.put(key, new Kept<>(searcher, value));
    }
}
