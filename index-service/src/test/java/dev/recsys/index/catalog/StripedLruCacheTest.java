package dev.recsys.index.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StripedLruCacheTest {
    @Test
    void loadsAMissingValueOnceAndThenServesItFromTheCache() {
        StripedLruCache<Integer, String> cache = new StripedLruCache<>(10, 2);
        AtomicInteger loads = new AtomicInteger();
        assertEquals("v7", cache.get(7, k -> "v" + k + (loads.incrementAndGet() > 1 ? "!" : "")));
        assertEquals("v7", cache.get(7, k -> "v" + k + (loads.incrementAndGet() > 1 ? "!" : "")));
        assertEquals(1, loads.get());
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        StripedLruCache<Integer, Integer> cache = new StripedLruCache<>(100, 4);
        for (int i = 0; i < 10_000; i++) {
            cache.get(i, k -> k);
        }
        assertEquals(100, cache.size());
    }

    @Test
    void evictsTheLeastRecentlyUsedEntryAndKeepsOneJustRead() {
        StripedLruCache<Integer, Integer> cache = new StripedLruCache<>(3, 1);
        cache.get(1, k -> k);
        cache.get(2, k -> k);
        cache.get(3, k -> k);
        cache.getIfPresent(1); // 2 is now the oldest
        cache.get(4, k -> k);
        assertNull(cache.getIfPresent(2));
        assertEquals(1, cache.getIfPresent(1));
        assertEquals(3, cache.getIfPresent(3));
        assertEquals(4, cache.getIfPresent(4));
    }

    @Test
    void aFailedLoadCachesNothing() {
        StripedLruCache<Integer, Integer> cache = new StripedLruCache<>(3, 1);
        assertThrows(
                java.io.IOException.class,
                () -> cache.get(1, k -> {
                    throw new java.io.IOException("unreadable");
                }));
        assertNull(cache.getIfPresent(1));
    }

    @Test
    void rejectsANonPositiveCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new StripedLruCache<Integer, Integer>(0, 1));
    }
}
