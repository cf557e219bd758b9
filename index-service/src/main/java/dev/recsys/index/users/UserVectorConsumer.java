package dev.recsys.index.users;

import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.records.InvalidRecordException;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted {@code user-vectors} topic from the beginning into a {@link
 * UserVectorStore}, on one named daemon thread, for as long as the service runs.
 *
 * <p>Every replica reads every partition (partitions are assigned, no consumer group, no committed
 * offsets): the store is rebuilt from the topic on each start, which compaction keeps small. The
 * consumer has <em>caught up</em> once its position reached, on every partition, the end offset seen
 * when it started; until then the service answers {@code /readyz} with 503, because a feed served
 * earlier would treat known shoppers as cold-start ones.
 *
 * <p>Records that break the contract are logged and counted, never fatal. A tombstone (null value)
 * removes the shopper.
 */
public final class UserVectorConsumer implements AutoCloseable {
    public static final String THREAD_NAME = "user-vectors-consumer";

    private static final Logger LOG = LoggerFactory.getLogger(UserVectorConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final UserVectorStore store;
    private final Thread thread;
    private final AtomicLong invalid = new AtomicLong();

    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile String failure;

    public UserVectorConsumer(Consumer<String, byte[]> consumer, String topic, UserVectorStore store) {
        this.consumer = consumer;
        this.topic = topic;
        this.store = store;
        this.thread = Thread.ofPlatform().name(THREAD_NAME).daemon(true).unstarted(this::run);
    }

    /** A consumer of {@code topic} on the given brokers. */
    public static UserVectorConsumer create(String bootstrapServers, String topic, UserVectorStore store) {
        return new UserVectorConsumer(new KafkaConsumer<>(consumerProperties(bootstrapServers)), topic, store);
    }

    static Properties consumerProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "index-service-user-vectors");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        // Bytes: the record is parsed straight from its UTF-8, without a string in between.
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        // The stream job may write transactionally: never show a shopper a vector from an aborted write.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    public UserVectorConsumer start() {
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
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    apply(record);
                }
                if (!caughtUp) {
                    endAtStart.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
                    if (endAtStart.isEmpty()) {
                        caughtUp = true;
                        LOG.info("caught up with {}: {} shoppers", topic, store.size());
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure = "woken up unexpectedly";
                LOG.error("user-vectors consumer woken up while running", e);
            }
        } catch (RuntimeException e) {
            failure = e.toString();
            LOG.error("user-vectors consumer stopped", e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
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

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                store.remove(record.key());
            }
            return;
        }
        try {
            store.offer(UserVectorsJson.parse(record.value()));
        } catch (InvalidRecordException e) {
            long count = invalid.incrementAndGet();
            if (count <= 10 || Long.bitCount(count) == 1) {
                LOG.warn(
                        "skipping invalid record at {}-{}@{} ({} so far): {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        count,
                        e.getMessage());
            }
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
