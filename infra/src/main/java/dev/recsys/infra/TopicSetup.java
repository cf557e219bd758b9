package dev.recsys.infra;

import dev.recsys.ranker.records.Topics;
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
 * How the project's Kafka topics (names in {@link Topics}, the data contract in {@code ranker}) are
 * created on the broker this module starts: partitions, replication, and each topic's cleanup.
 *
 * <p>Compacted topics hold the latest value per key (a catalog item, a vector, a counter): a
 * consumer that starts from the beginning rebuilds the current state without replaying history.
 * The event topics keep a time-based retention.
 */
public final class TopicSetup {

    /** The topics with {@code cleanup.policy=compact}. */
    public static final Set<String> COMPACTED = Set.of(
            Topics.CATALOG,
            Topics.ITEM_VECTORS,
            Topics.USER_VECTORS,
            Topics.ITEM_STATS,
            Topics.CF_MODEL,
            Topics.ERASURES);

    /**
     * How long raw events ({@link Topics#INTERACTIONS}, {@link Topics#INTERACTIONS_DLQ}) are kept: the bound on
     * how long an erased shopper's raw events outlive the erasure (one month, the time GDPR gives to
     * answer an erasure request). Profiles are restored from checkpoints, not rebuilt from this log,
     * so a shorter retention costs nothing but the ability to rebuild from scratch.
     */
    public static final Duration RAW_EVENT_RETENTION = Duration.ofDays(30);

    /**
     * The longest an older {@link Topics#USER_VECTORS} record outlives the record that replaced it (or the
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

    private TopicSetup() {}

    /** Whether {@code topic} is one of the compacted topics. */
    public static boolean isCompacted(String topic) {
        return COMPACTED.contains(topic);
    }

    /** Whether {@code topic} holds raw events, kept for {@link #RAW_EVENT_RETENTION}. */
    public static boolean isRawEvents(String topic) {
        return topic.equals(Topics.INTERACTIONS) || topic.equals(Topics.INTERACTIONS_DLQ);
    }

    /** The definitions of all project topics with {@code partitions} partitions each. */
    public static List<NewTopic> definitions(int partitions) {
        return Topics.ALL.stream()
                .map(name -> {
                    NewTopic topic = definition(name, partitions, isCompacted(name));
                    Map<String, String> configs = new HashMap<>(topic.configs() == null ? Map.of() : topic.configs());
                    if (isRawEvents(name)) {
                        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(RAW_EVENT_RETENTION.toMillis()));
                    }
                    if (name.equals(Topics.USER_VECTORS)) {
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
