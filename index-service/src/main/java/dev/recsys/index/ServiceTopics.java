package dev.recsys.index;

/**
 * The Kafka topics the service reads and writes (names from the data contracts in
 * docs/ARCHITECTURE.md; the infra module creates them).
 */
public final class ServiceTopics {
    /** Shoppers' interaction events, key = userId: written by {@code POST /v1/events} and the demo. */
    public static final String INTERACTIONS = "interactions";

    /**
     * Catalog changes, key = itemId: an item's JSON to add or replace it, a tombstone to delete it; applied
     * to the live generation in near real time.
     */
    public static final String CATALOG = "catalog";

    /** Item content and CF vectors, key = itemId: published after each catalog build. */
    public static final String ITEM_VECTORS = "item-vectors";

    /** Shopper vectors from the stream job, key = userId: read into memory from the beginning. */
    public static final String USER_VECTORS = "user-vectors";

    /**
     * Per-item interaction counts over sliding windows from the stream job, key = {@code
     * itemId|window}: read from the beginning into the trending store.
     */
    public static final String ITEM_STATS = "item-stats";

    /**
     * The CF model (YᵀY and hyper-parameters) of the live generation, one record under {@link
     * #CF_MODEL_KEY}: published after the generation's item vectors, read by the stream job's fold-in.
     */
    public static final String CF_MODEL = "cf-model";

    /** The key of the one record of {@link #CF_MODEL}: the compacted topic keeps the latest model. */
    public static final String CF_MODEL_KEY = "model";

    /**
     * Shoppers to erase, key = userId (compacted): written by {@code DELETE /v1/admin/users/{id}}, read
     * from the beginning so that an erased shopper's older vectors are never served again.
     */
    public static final String ERASURES = "erasures";

    private ServiceTopics() {}
}
