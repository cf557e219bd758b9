package dev.recsys.index.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The item cache as it was before Caffeine, kept as the baseline of {@link ItemCacheBenchmark}: a bounded map that evicts the least recently used entry. Keys are spread over stripes by hash, each
 * an access-ordered {@link LinkedHashMap} under its own lock, so concurrent requests rarely wait on
 * each other and a full cache loses one old entry per insert instead of everything at once.
 * Recency is per stripe, so the evicted entry is the oldest of its stripe, not always of the whole.
 */
final class StripedLruBaseline<K, V> {
    private final Stripe<K, V>[] stripes;

    /**
     * @param capacity the most entries kept (rounded up to a multiple of {@code stripes})
     * @param stripes how many independently locked parts; at least 1
     */
    @SuppressWarnings("unchecked")
    StripedLruBaseline(int capacity, int stripes) {
        if (capacity < 1 || stripes < 1) {
            throw new IllegalArgumentException("capacity and stripes must be positive");
        }
        int perStripe = (capacity + stripes - 1) / stripes;
        this.stripes = new Stripe[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new Stripe<>(perStripe);
        }
    }

    /**
     * The value for {@code key}, computed by {@code load} outside any lock when absent. Two threads
     * missing the same key at once may both load it; the values are equal, so either may be kept.
     */
    <X extends Exception> V get(K key, Loader<K, V, X> load) throws X {
        Stripe<K, V> stripe = stripeOf(key);
        V value;
        synchronized (stripe) {
            value = stripe.get(key);
        }
        if (value != null) {
            return value;
        }
        value = load.load(key);
        synchronized (stripe) {
            stripe.put(key, value);
        }
        return value;
    }

    /** The value for {@code key} if cached (and marks it recently used), else null. */
    V getIfPresent(K key) {
        Stripe<K, V> stripe = stripeOf(key);
        synchronized (stripe) {
            return stripe.get(key);
        }
    }

    /** Entries held now. */
    int size() {
        int size = 0;
        for (Stripe<K, V> stripe : stripes) {
            synchronized (stripe) {
                size += stripe.size();
            }
        }
        return size;
    }

    /**
     * The stripe from the high bits of a mixed hash: each stripe's map indexes by the low bits, and keys
     * sharing their low bits would pile up in a few of its buckets.
     */
    private Stripe<K, V> stripeOf(K key) {
        int mixed = key.hashCode() * 0x9E3779B9;
        return stripes[(int) (((mixed >>> 16) * (long) stripes.length) >>> 16)];
    }

    /** Computes a missing value; may throw a checked exception of the caller's. */
    @FunctionalInterface
    interface Loader<K, V, X extends Exception> {
        V load(K key) throws X;
    }

    private static final class Stripe<K, V> extends LinkedHashMap<K, V> {
        private final int capacity;

        Stripe(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
        }
    }
}
