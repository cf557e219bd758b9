package dev.recsys.index.users;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One hnswlib graph of unit vectors of one dimension, with the room management hnswlib leaves to
 * its user. Writers must be serialised by the caller; any number of readers may search meanwhile.
 *
 * <p>hnswlib never reuses a node: a removal only marks it deleted (it still routes searches) and a
 * replacement with a different vector takes a new node, so every CF update of a shopper uses one. When
 * all nodes are used the graph either grows in place ({@link HnswIndex#resize}, doubling) or, when at
 * least half of them are deleted, is rebuilt from the live vectors with room for as many again. Both
 * cost O(1) amortised per update, and deleted nodes never make up more than about half the graph.
 */
final class ShopperGraph {
    private final int dimension;
    private final ShopperIndexConfig config;
    // hnswlib's resize swaps arrays that a running search reads without a lock, so searches share
    // this lock and resize takes it exclusively. Adds need no part of it: hnswlib lets them run
    // beside searches, and the caller serialises writers.
    private final ReadWriteLock resizing = new ReentrantReadWriteLock();

    private volatile HnswIndex<String, float[], ShopperVector, Float> index;
    private int nodesUsed;
    private int rebuilds;

    ShopperGraph(int dimension, ShopperIndexConfig config) {
        this.dimension = dimension;
        this.config = config;
        this.index = newIndex(config.initialCapacity());
    }

    int dimension() {
        return dimension;
    }

    /**
     * Adds or replaces a shopper; the caller has checked the dimension and gives every change a higher
     * node version than any before.
     */
    void put(ShopperVector vector) {
        Optional<ShopperVector> held = index.get(vector.id());
        boolean takesNode = held.isEmpty() || !Arrays.equals(held.get().vector(), vector.vector());
        if (takesNode && nodesUsed >= index.getMaxItemCount()) {
            makeRoom();
        }
        if (!index.add(vector)) {
            // hnswlib remembers the version of a removed id and refuses an older one for good. The
            // index's node versions only rise, so this does not happen; should it, a fresh graph
            // forgets.
            rebuild(Math.max(index.getMaxItemCount(), nodesUsed + 1));
            index.add(vector);
        }
        if (takesNode) {
            nodesUsed++;
        }
    }

    /** Removes the shopper held at {@code version}; the caller knows that version. */
    void remove(String userId, long version) {
        index.remove(userId, version);
    }

    /** Live shoppers. */
    int size() {
        return index.size();
    }

    /** Nodes the graph has room for (live, deleted and free). */
    int capacity() {
        return index.getMaxItemCount();
    }

    /** Times the graph was rebuilt from its live vectors. */
    int rebuilds() {
        return rebuilds;
    }

    /** The {@code k} nearest live shoppers, nearest first; distance is {@code 1 - cosine}. */
    List<SearchResult<ShopperVector, Float>> nearest(float[] unit, int k) {
        resizing.readLock().lock();
        try {
            return index.findNearest(unit, k);
        } finally {
            resizing.readLock().unlock();
        }
    }

    private void makeRoom() {
        int live = index.size();
        if (nodesUsed - live >= live) {
            rebuild(Math.max(config.initialCapacity(), 2 * live + 1));
        } else {
            int doubled = (int) Math.min(Integer.MAX_VALUE - 8L, 2L * index.getMaxItemCount());
            resizing.writeLock().lock();
            try {
                index.resize(doubled);
            } finally {
                resizing.writeLock().unlock();
            }
        }
    }

    /** Builds a graph of the live vectors aside and swaps it in: searches go on against the old one. */
    private void rebuild(int capacity) {
        HnswIndex<String, float[], ShopperVector, Float> fresh = newIndex(capacity);
        for (ShopperVector vector : index.items()) {
            fresh.add(vector);
        }
        nodesUsed = fresh.size();
        rebuilds++;
        index = fresh;
    }

    private HnswIndex<String, float[], ShopperVector, Float> newIndex(int capacity) {
        // Inner product on unit vectors is 1 - cosine, without the cosine function's two norms
        // per comparison.
        return HnswIndex.newBuilder(dimension, DistanceFunctions.FLOAT_INNER_PRODUCT, capacity)
                .withM(config.m())
                .withEf(config.ef())
                .withEfConstruction(config.efConstruction())
                .withRemoveEnabled()
                .build();
    }
}
