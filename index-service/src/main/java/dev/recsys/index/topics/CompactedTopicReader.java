package dev.recsys.index.topics;

import dev.recsys.cli.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a topic from the beginning into a store (a compacted one; or the dead letters, which their
 * retention bounds), on one named daemon thread, for as long as the service runs.
 *
 * <p>Every replica reads every partition (assigned, no consumer group, no committed offsets): the
 * store is rebuilt from the topic on each start, which compaction keeps small. The reader has
 * <em>caught up</em> once its position reached, on every partition, the end offset seen when it
 * started (and the handler has seen {@link RecordHandler#afterPoll afterPoll(true)}); readiness
 * waits for that. A topic that does not exist yet is waited for. Anything that escapes the handler
 * stops the reader and is reported by {@link #failure}.
 */
public final class CompactedTopicReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicReader.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final RecordHandler handler;
    private final Thread thread;

    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile String failure;

    public CompactedTopicReader(
            Consumer<String, byte[]> consumer, String topic, RecordHandler handler, String threadName) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::run);
    }

    /** A reader of {@code topic} on the given brokers. */
    public static CompactedTopicReader create(
            KafkaSettings kafka, String clientId, String topic, RecordHandler handler, String threadName) {
        return new CompactedTopicReader(
                new KafkaConsumer<>(consumerProperties(kafka, clientId)), topic, handler, threadName);
    }

    static Properties consumerProperties(KafkaSettings kafka, String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        // Bytes: a handler parses the UTF-8 itself, without a string in between.
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        // The stream job may write transactionally: never apply a record of an aborted write.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return kafka.clientProperties(props);
    }

    public CompactedTopicReader start() {
        thread.start();
        return this;
    }

    /** Whether the store holds at least everything that was in the topic when reading started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Why the reader stopped on its own, or {@code null} while it runs. */
    public String failure() {
        return failure;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = TopicPartitions.await(consumer, topic, () -> running);
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
                    handler.apply(record);
                }
                boolean reachedEnd = !caughtUp && reachedEnd(endAtStart);
                handler.afterPoll(reachedEnd);
                if (reachedEnd) {
                    caughtUp = true;
                    LOG.info("caught up with {}: {}", topic, handler.summary());
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure = "woken up unexpectedly";
                LOG.error("{} reader woken up while running", topic, e);
            }
        } catch (RuntimeException e) {
            failure = e.toString();
            LOG.error("{} reader stopped", topic, e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** Forgets the partitions read up to their end offset at start; true once none is left. */
    private boolean reachedEnd(Map<TopicPartition, Long> endAtStart) {
        endAtStart.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
        return endAtStart.isEmpty();
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
