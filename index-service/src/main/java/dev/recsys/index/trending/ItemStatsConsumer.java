package dev.recsys.index.trending;

import dev.recsys.ranker.json.ItemStatsJson;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.records.ItemStats;
import dev.recsys.ranker.records.ItemStatsKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted {@code item-stats} topic from the beginning into {@link TrendingItems}, on one
 * named daemon thread, for as long as the service runs, and refreshes the store's snapshots after
 * every poll.
 *
 * <p>Every replica reads every partition (assigned, no consumer group, no committed offsets). The
 * consumer has <em>caught up</em> once its position reached, on every partition, the end offset seen
 * when it started, and the snapshots were rebuilt from what it read: from then on {@link
 * TrendingItems#top} reflects the topic.
 *
 * <p>Records that break the contract, and records of windows the store is not configured for, are
 * logged and counted, never fatal. A tombstone (null value) removes the item from its window.
 */
public final class ItemStatsConsumer implements AutoCloseable {
    public static final String THREAD_NAME = "item-stats-consumer";

    /** The topic's name in docs/CONTRACTS.md. */
    public static final String DEFAULT_TOPIC = "item-stats";

    private static final Logger LOG = LoggerFactory.getLogger(ItemStatsConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<String, String> consumer;
    private final String topic;
    private final TrendingItems store;
    private final Thread thread;
    private final AtomicLong invalid = new AtomicLong();
    private final AtomicLong unknownWindow = new AtomicLong();

    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile String failure;

    public ItemStatsConsumer(Consumer<String, String> consumer, String topic, TrendingItems store) {
        this.consumer = consumer;
        this.topic = topic;
        this.store = store;
        this.thread = Thread.ofPlatform().name(THREAD_NAME).daemon(true).unstarted(this::run);
    }

    /** A consumer of {@code topic} on the given brokers. */
    public static ItemStatsConsumer create(String bootstrapServers, String topic, TrendingItems store) {
        return new ItemStatsConsumer(new KafkaConsumer<>(consumerProperties(bootstrapServers)), topic, store);
    }

    static Properties consumerProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "index-service-item-stats");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        // The stream job may write transactionally: never count from an aborted write.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    public ItemStatsConsumer start() {
        thread.start();
        return this;
    }

    /** Whether the store holds at least everything that was in the topic when consuming started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Why the consumer stopped on its own, or {@code null} while it runs. */
    public String failure() {
        return failure;
    }

    /** Records that could not be parsed or broke the contract. */
    public long invalidCount() {
        return invalid.get();
    }

    /** Valid records skipped because the store has no slide for their window. */
    public long unknownWindowCount() {
        return unknownWindow.get();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = new HashMap<>(consumer.endOffsets(partitions));
            LOG.info(
                    "reading {} from the beginning ({} records at most)",
                    topic,
                    endAtStart.values().stream().mapToLong(Long::longValue).sum());
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL_TIMEOUT)) {
                    apply(record);
                }
                long now = System.currentTimeMillis();
                if (!caughtUp && reachedEnd(endAtStart)) {
                    store.refresh(now);
                    caughtUp = true;
                    LOG.info("caught up with {}: {} item counts", topic, store.size());
                } else {
                    // Also while catching up: each rebuild drops stale records, which bounds memory.
                    store.refreshIfDue(now);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure = "woken up unexpectedly";
                LOG.error("item-stats consumer woken up while running", e);
            }
        } catch (RuntimeException e) {
            failure = e.toString();
            LOG.error("item-stats consumer stopped", e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** Forgets the partitions read up to their end offset at start; true once none is left. */
    private boolean reachedEnd(Map<TopicPartition, Long> endAtStart) {
        endAtStart.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
        return endAtStart.isEmpty();
    }

    private List<TopicPartition> awaitPartitions() {
        while (running) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition()))
                            .toList();
                }
            } catch (TimeoutException e) {
                // The broker is not there yet; keep asking.
            }
            LOG.warn("topic {} not found yet on the brokers; retrying", topic);
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    private void apply(ConsumerRecord<String, String> record) {
        try {
            if (record.value() == null) {
                ItemStatsKey key = ItemStatsKey.parse(record.key());
                store.remove(key.itemId(), key.window());
                return;
            }
            ItemStats stats = ItemStatsJson.parse(record.value());
            if (store.offer(stats) == TrendingItems.Outcome.UNKNOWN_WINDOW) {
                warnSometimes(unknownWindow, record, "window '" + stats.window() + "' is not configured");
            }
        } catch (InvalidRecordException e) {
            warnSometimes(invalid, record, "invalid: " + e.getMessage());
        }
    }

    /** The first ten, then every power of two: a topic full of bad records must not flood the log. */
    private static void warnSometimes(AtomicLong counter, ConsumerRecord<String, String> record, String why) {
        long count = counter.incrementAndGet();
        if (count <= 10 || Long.bitCount(count) == 1) {
            LOG.warn(
                    "skipping record at {}-{}@{} ({} so far): {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    count,
                    why);
        }
    }

    /** Stops the thread and closes the Kafka consumer; waits up to ten seconds. */
    @Override
    public void close() {
        running = false;
        if (thread.isAlive()) {
            consumer.wakeup();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (thread.getState() == Thread.State.NEW) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }
}
