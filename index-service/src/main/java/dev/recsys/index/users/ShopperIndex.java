package dev.recsys.index.users;

import com.github.jelmerk.hnswlib.core.SearchResult;
import dev.recsys.ranker.records.UserVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shoppers' CF vectors in HNSW graphs (hnswlib), for "shoppers like this one" by cosine.
 *
 * <p>{@link #update} follows a shopper's records: one with a usable {@code cf} adds or replaces the
 * shopper, one without (absent, all zeros or not finite) removes them, and {@link #remove} is a
 * tombstone or an erasure. A record only applies when it {@link UserVectors#supersedes supersedes}
 * the one held (a later erasure, then a higher version), so an older record never replaces a newer
 * one. HNSW nodes carry a version of the index's own, raised with every change: hnswlib refuses a
 * node older than one it removed, and a shopper back after an erasure counts versions from 1 again.
 *
 * <p>Each graph's dimension is fixed by its first vector. A vector of another dimension (a CF model
 * with another number of factors) goes to a graph of its own, and the shopper leaves the graph of
 * their previous vector. Factors of different models are not comparable, so a query searches only the
 * graph of its own dimension: while a new model rolls out, shoppers already folded into it find each
 * other, the others keep their old neighbours, and the old graph is dropped once its last shopper has
 * moved. Nothing is rejected and nothing needs a restart.
 *
 * <p>Thread-safe: writers are serialised (the user-vectors consumer, and erasures), readers search
 * concurrently and never wait for a write except while a graph grows in place. Graphs grow on their
 * own; see {@link ShopperGraph}.
 */
public final class ShopperIndex {
    /** Most neighbours one query may ask for. */
    public static final int MAX_K = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(ShopperIndex.class);

    private final ShopperIndexConfig config;
    private final ConcurrentMap<Integer, ShopperGraph> graphs = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Held> held = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();

    /** Where a shopper is indexed, the record's order fields, and the HNSW node's version. */
    private record Held(int dimension, long erasedUpTo, long version, long node) {}

    /** The last HNSW node version handed out; written under the write lock. */
    private long lastNode;

    public ShopperIndex() {
        this(ShopperIndexConfig.defaults());
    }

    public ShopperIndex(ShopperIndexConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public ShopperIndexConfig config() {
        return config;
    }

    /**
     * Applies a shopper's record.
     *
     * @return {@code false} when the index already held the shopper at a record that this one does
     *     not supersede
     */
    public boolean update(UserVectors vectors) {
        float[] unit = ShopperVector.unit(vectors.cf());
        String userId = vectors.userId();
        synchronized (writeLock) {
            Held before = held.get(userId);
            if (before != null
                    && !UserVectors.supersedes(
                            vectors.erasedUpTo(), vectors.version(), before.erasedUpTo(), before.version())) {
                return false;
            }
            if (before != null && (unit == null || unit.length != before.dimension())) {
                leave(userId, before);
            }
            if (unit == null) {
                return true;
            }
            long node = ++lastNode;
            graph(unit.length).put(new ShopperVector(userId, unit, node));
            held.put(userId, new Held(unit.length, vectors.erasedUpTo(), vectors.version(), node));
            return true;
        }
    }

    /**
     * Forgets a shopper (a tombstone or an erasure).
     *
     * @return whether the shopper was indexed
     */
    public boolean remove(String userId) {
        synchronized (writeLock) {
            Held before = held.get(userId);
            if (before == null) {
                return false;
            }
            leave(userId, before);
            return true;
        }
    }

    /**
     * The {@code k} shoppers whose CF vectors are closest by cosine to {@code cf}, most similar first
     * (ties by userId), among those of the same dimension. Approximate: HNSW trades a little recall
     * for sub-linear search.
     *
     * @param excludeUserId left out of the answer (the asking shopper), or {@code null}
     * @return empty when {@code cf} is absent, has no direction, or no shopper has its dimension
     */
    public List<SimilarShopper> nearest(float[] cf, int k, String excludeUserId) {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", got " + k);
        }
        float[] unit = ShopperVector.unit(cf);
        ShopperGraph graph = unit == null ? null : graphs.get(unit.length);
        if (graph == null) {
            return List.of();
        }
        List<SimilarShopper> found = new ArrayList<>(k + 1);
        for (SearchResult<ShopperVector, Float> result : graph.nearest(unit, k + 1)) {
            String userId = result.item().id();
            if (!userId.equals(excludeUserId)) {
                double similarity = 1.0 - result.distance();
                found.add(new SimilarShopper(userId, Math.max(-1.0, Math.min(1.0, similarity))));
            }
        }
        found.sort(SimilarShopper.MOST_SIMILAR_FIRST);
        return found.size() > k ? List.copyOf(found.subList(0, k)) : List.copyOf(found);
    }

    /** Whether the shopper is indexed. */
    public boolean contains(String userId) {
        return held.containsKey(userId);
    }

    /** Indexed shoppers, over all dimensions. */
    public int size() {
        return held.size();
    }

    /** The dimensions that have a graph, ascending (one, except while a new CF model rolls out). */
    public SortedSet<Integer> dimensions() {
        return new TreeSet<>(graphs.keySet());
    }

    /** Room of the graph of one dimension, 0 when there is none. */
    int capacity(int dimension) {
        ShopperGraph graph = graphs.get(dimension);
        return graph == null ? 0 : graph.capacity();
    }

    /** Rebuilds of the graph of one dimension. */
    int rebuilds(int dimension) {
        ShopperGraph graph = graphs.get(dimension);
        return graph == null ? 0 : graph.rebuilds();
    }

    private void leave(String userId, Held before) {
        held.remove(userId);
        ShopperGraph graph = graphs.get(before.dimension());
        graph.remove(userId, before.node());
        if (graph.size() == 0) {
            graphs.remove(before.dimension());
            LOG.info("no shopper has a {}-dimensional CF vector any more; its graph is dropped", before.dimension());
        }
    }

    /** The graph of a dimension, new if there is none; called by the writer only. */
    private ShopperGraph graph(int dimension) {
        ShopperGraph graph = graphs.get(dimension);
        if (graph == null) {
            if (!graphs.isEmpty()) {
                LOG.info(
                        "{}-dimensional CF vectors arrive beside {}: a new CF model; they get a graph of their own",
                        dimension,
                        graphs.keySet());
            }
            graph = new ShopperGraph(dimension, config);
            graphs.put(dimension, graph);
        }
        return graph;
    }
}
