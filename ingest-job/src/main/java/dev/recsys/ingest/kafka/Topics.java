package dev.recsys.ingest.kafka;

/** The topics the job reads and writes (see the data contracts in the design document). */
public final class Topics {
    public static final String INTERACTIONS = "interactions";
    public static final String INTERACTIONS_DLQ = "interactions-dlq";
    public static final String ITEM_VECTORS = "item-vectors";
    public static final String USER_VECTORS = "user-vectors";
    public static final String ITEM_STATS = "item-stats";
    public static final String CF_MODEL = "cf-model";
    /** Shoppers to erase, key = userId (compacted); see {@link dev.recsys.ranker.records.Erasure}. */
    public static final String ERASURES = "erasures";

    /** The key of the one record of {@link #CF_MODEL}: the compacted topic keeps the latest model. */
    public static final String CF_MODEL_KEY = "model";

    private Topics() {}
}
