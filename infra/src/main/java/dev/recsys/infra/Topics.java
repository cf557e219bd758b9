package dev.recsys.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The project's Kafka topics: their names (the data contract other modules code against) and how
 * to create them.
 *
 * <p>Compacted topics hold the latest value per key (a catalog item, a vector, a counter): a
 * consumer that starts from the beginning rebuilds the current state without replaying history.
 * The event topics keep the default time-based retention.
 */
public final class Topics {

    /** Shoppers' interaction events, key = userId. */
    public static final String INTERACTIONS = "interactions";

    /** Interaction records the stream job rejected, with the reason. */
    public static final String INTERACTIONS_DLQ = "interactions-dlq";

    /** Catalog items, key = itemId; a tombstone deletes an item. Compacted. */
    public static final String CATALOG = "catalog";

    /** Item content and CF vectors, key = itemId. Compacted. */
    public static final String ITEM_VECTORS = "item-vectors";

    /** Shopper vectors written by the stream job, key = userId. Compacted. */
    public static final String USER_VECTORS = "user-vectors";

    /** Per-item popularity counts written by the stream job, key = itemId. Compacted. */
    public static final String ITEM_STATS = "item-stats";

    /** The CF model the stream job folds shoppers into (YᵀY and hyper-parameters), key = {@code model}. Compacted. */
    public static final String CF_MODEL = "cf-model";

    /**
     * Shoppers to erase, key = userId, value {@code {userId, erasedAt}}: written by {@code DELETE
     * /v1/admin/users/{id}}, honoured by the stream job, the index service and training. Compacted,
     * never expired: it is the list of whose raw events every reader must skip.
     */
    public static final String ERASURES = "erasures";

    /** Every topic of the project, in a stable order. */
    public static final List<String> ALL = List.of(
            INTERACTIONS, INTERACTIONS_DLQ, CATALOG, ITEM_VECTORS, USER_VECTORS, ITEM_STATS, CF_MODEL, ERASURES);

    /** The topics with {@code cleanup.policy=compact}. */
    public static final Set<String> COMPACTED =
            Set.of(CATALOG, ITEM_VECTORS, USER_VECTORS, ITEM_STATS, CF_MODEL, ERASURES);

    /**
     * How long raw events ({@link #INTERACTIONS}, {@link #INTERACTIONS_DLQ}) are kept: the bound on
     * how long an erased shopper's raw events outlive the erasure (one month, the time GDPR gives to
     * answer an erasure request). Profiles are restored from checkpoints, not rebuilt from this log,
     * so a shorter retention costs nothing but the ability to rebuild from scratch.
     */
    public static final Duration RAW_EVENT_RETENTION = Duration.ofDays(30);

    /**
     * The longest an older {@link #USER_VECTORS} record outlives the record that replaced it (or the
     * tombstone of an erasure). Kafka compacts only closed segments, and by default a segment closes
     * after 7 days or 1 GiB: without a bound, an erased shopper's last vectors could stay in the log
     * indefinitely on a quiet topic. A segment now closes after a day and is compacted within a week.
     */
    public static final Duration USER_VECTORS_MAX_COMPACTION_LAG = Duration.ofDays(7);

    static final Duration USER_VECTORS_SEGMENT_AGE = Duration.ofDays(1);

    /** Partitions per topic unless told otherwise: enough to exercise keyed parallelism locally. */
    public static final int DEFAULT_PARTITIONS = 2;

    /** A single-node broker can only hold one replica. */
    public static final short REPLICATION_FACTOR = 1;

    private Topics() {}

    /** Whether {@code topic} is one of the compacted topics. */
    public static boolean isCompacted(String topic) {
        return COMPACTED.contains(topic);
    }

    /** Whether {@code topic} holds raw events, kept for {@link #RAW_EVENT_RETENTION}. */
    public static boolean isRawEvents(String topic) {
        return topic.equals(INTERACTIONS) || topic.equals(INTERACTIONS_DLQ);
    }

    /** The definitions of all project topics with {@code partitions} partitions each. */
    public static List<NewTopic> definitions(int partitions) {
        return ALL.stream()
                .map(name -> {
                    NewTopic topic = definition(name, partitions, isCompacted(name));
                    Map<String, String> configs = new HashMap<>(topic.configs() == null ? Map.of() : topic.configs());
                    if (isRawEvents(name)) {
                        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(RAW_EVENT_RETENTION.toMillis()));
                    }
                    if (name.equals(USER_VECTORS)) {
                        configs.put(
                                TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG,
                                Long.toString(USER_VECTORS_MAX_COMPACTION_LAG.toMillis()));
                        configs.put(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(USER_VECTORS_SEGMENT_AGE.toMillis()));
                    }
                    return topic.configs(configs);
                })
                .toList();
    }

    /** One topic definition with replication factor 1, compacted or not. */
    public static NewTopic definition(String name, int partitions, boolean compacted) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive, got " + partitions);
        }
        NewTopic topic = new NewTopic(name, partitions, REPLICATION_FACTOR);
        if (compacted) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return topic;
    }

    /**
     * Creates every project topic that does not exist yet. Existing topics are left as they are, so
     * this is safe to run at every start.
     *
     * @return the names of the topics this call created
     */
    public static List<String> createMissing(Admin admin, int partitions, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        return createMissing(admin, definitions(partitions), timeout);
    }

    /**
     * Creates those of {@code topics} that do not exist yet; a topic created concurrently by
     * someone else counts as existing.
     *
     * @return the names of the topics this call created
     */
    public static List<String> createMissing(Admin admin, List<NewTopic> topics, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> existing = admin.listTopics().names().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        List<NewTopic> missing =
                topics.stream().filter(t -> !existing.contains(t.name())).toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
        List<String> created = new ArrayList<>();
        for (NewTopic topic : missing) {
            try {
                results.get(topic.name()).get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return List.copyOf(created);
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
