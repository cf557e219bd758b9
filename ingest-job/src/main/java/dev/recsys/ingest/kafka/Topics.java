package dev.recsys.ingest.kafka;

/** The topics the job reads and writes (see the data contracts in the design document). */
public final class Topics {
    public static final String INTERACTIONS = "interactions";
    public static final String INTERACTIONS_DLQ = "interactions-dlq";
    public static final String ITEM_VECTORS = "item-vectors";
    public static final String USER_VECTORS = "user-vectors";
    public static final String ITEM_STATS = "item-stats";

    private Topics() {}
}
