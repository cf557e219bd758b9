package dev.recsys.index.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.search.IndexSearcher;

/**
 * {@link SearcherMemo} as it was before Caffeine, kept as the baseline of {@link SearcherMemoBenchmark}:
 * an access-ordered {@link LinkedHashMap} under one lock.
 */
final class SynchronizedMemoBaseline<K, V> {
    private record Kept<V>(IndexSearcher searcher, V value) {}

    private final Map<K, Kept<V>> entries;

    SynchronizedMemoBaseline(int capacity) {
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
