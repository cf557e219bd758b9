package dev.recsys.ranker.records;

import java.util.List;

/**
 * The names of the project's Kafka topics and their fixed keys: part of the data contract like the
 * records on them (docs/CONTRACTS.md, "Topics"), so the stream job, the index service and the broker
 * set-up name each topic from this one place. How a topic is created (cleanup policy, retention) is
 * the broker set-up's business, in {@code infra}.
 */
public final class Topics {

    /** Shoppers' interaction events, key = userId: from storefronts, {@code POST /v1/events} and the demo. */
    public static final String INTERACTIONS = "interactions";

    /** Interaction records the stream job rejected, with the reason; key = userId or none. */
    public static final String INTERACTIONS_DLQ = "interactions-dlq";

    /**
     * Catalog changes, key = itemId: an item's JSON adds or replaces it, a tombstone deletes it; the index
     * service applies them to the live generation in near real time. Compacted.
     */
    public static final String CATALOG = "catalog";

    /** Item content and CF vectors, key = itemId: published by the index service after each build. Compacted. */
    public static final String ITEM_VECTORS = "item-vectors";

    /**
     * Shopper vectors from the stream job, key = userId; a tombstone when the shopper was erased. The
     * index service reads it from the beginning. Compacted.
     */
    public static final String USER_VECTORS = "user-vectors";

    /**
     * Per-item interaction counts over sliding windows from the stream job, key = {@code itemId|window}
     * ({@link ItemStatsKey}). Compacted.
     */
    public static final String ITEM_STATS = "item-stats";

    /**
     * The CF model of the live generation (YᵀY and hyper-parameters), one record under {@link
     * #CF_MODEL_KEY}: published after the generation's item vectors, read by the stream job's fold-in.
     * Compacted.
     */
    public static final String CF_MODEL = "cf-model";

    /**
     * Shoppers to erase, key = userId, value an {@link Erasure}: written by {@code DELETE
     * /v1/admin/users/{id}}, honoured by the stream job, the index service and training. Compacted and
     * never expired: it is the list of whose raw events every reader must skip.
     */
    public static final String ERASURES = "erasures";

    /** The key of the one record of {@link #CF_MODEL}: the compacted topic keeps the latest model. */
    public static final String CF_MODEL_KEY = "model";

    /** Every topic of the project, in a stable order. */
    public static final List<String> ALL = List.of(
            INTERACTIONS, INTERACTIONS_DLQ, CATALOG, ITEM_VECTORS, USER_VECTORS, ITEM_STATS, CF_MODEL, ERASURES);

    private Topics() {}
}
