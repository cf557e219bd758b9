package dev.recsys.index.generations;

import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.topics.TopicPartitions;
import dev.recsys.ranker.json.CatalogItemJson;
import dev.recsys.ranker.json.ItemVectorsJson;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.records.ItemVectors;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@code catalog} topic (key = itemId; value = a catalog item's JSON, or a tombstone to
 * delete) to the live generation in near real time, and publishes each changed item's vectors to {@code
 * item-vectors} (a tombstone for a deleted item).
 *
 * <p>One named daemon thread polls (at most {@value #POLL_MILLIS} ms), applies the batch to the live
 * generation under a {@link CatalogLease}, records the offsets it reached in that generation's commit
 * user data ({@link TopicOffsets}) and refreshes its searcher, so a change is searchable within about a
 * poll interval. A commit every {@value #COMMIT_INTERVAL_MILLIS} ms makes changes and offsets durable
 * together; a restart resumes from the offsets of the live generation's last commit (at-least-once:
 * re-applying an upsert or a delete is harmless).
 *
 * <p>The {@link Reindexer} brings a new generation up to date with {@link #replay} and swaps it in
 * between {@link #pause} and {@link #resume}: the follower then never applies a record to a generation
 * that is about to be replaced, and the new one has applied exactly the same offsets.
 *
 * <p>A malformed record (bad JSON, a broken contract, a key that differs from the itemId) is logged and
 * counted, never fatal.
 */
public final class CatalogTopicFollower implements AutoCloseable {
    public static final String THREAD_NAME = "catalog-follower";
    public static final int POLL_MILLIS = 100;
    public static final int COMMIT_INTERVAL_MILLIS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(CatalogTopicFollower.class);

    private final KafkaSettings kafka;
    private final String topic;
    private final LiveCatalog live;
    private final Producer<String, String> vectors;
    private final String vectorsTopic;
    private final Consumer<String, String> consumer;
    private final Thread thread;
    /** One permit: held by the follower while it applies a batch, or by a reindex while it swaps. */
    private final Semaphore applying = new Semaphore(1);

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile Map<Integer, Long> position = Map.of();
    private volatile String lastMalformed;
    private volatile boolean running = true;
    private volatile boolean assigned;
    private volatile String failure;

    /**
     * @param vectors producer for {@code vectorsTopic}, or {@code null} to publish nothing
     */
    public CatalogTopicFollower(
            KafkaSettings kafka,
            String topic,
            LiveCatalog live,
            Producer<String, String> vectors,
            String vectorsTopic) {
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.live = Objects.requireNonNull(live, "live");
        this.vectors = vectors;
        this.vectorsTopic = vectorsTopic;
        this.consumer = new KafkaConsumer<>(consumerProperties(kafka, "index-service-catalog"));
        this.thread = Thread.ofPlatform().name(THREAD_NAME).daemon(true).unstarted(this::run);
    }

    static Properties consumerProperties(KafkaSettings kafka, String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return kafka.clientProperties(props);
    }

    /** Starts following from the offsets stored in the live generation (the beginning where none are). */
    public CatalogTopicFollower start() {
        thread.start();
        return this;
    }

    /** Per partition, the offset of the next record to apply (empty until partitions are assigned). */
    public Map<Integer, Long> position() {
        return position;
    }

    /** Whether the partitions are assigned and the position is known. */
    public boolean following() {
        return assigned;
    }

    /** Records applied since start. */
    public long appliedCount() {
        return applied.get();
    }

    /** Records that could not be applied since start. */
    public long malformedCount() {
        return malformed.get();
    }

    /** What was wrong with the last malformed record, or {@code null}. */
    public String lastMalformed() {
        return lastMalformed;
    }

    /** Why the follower stopped on its own, or {@code null}. */
    public String failure() {
        return failure;
    }

    /**
     * Waits until the follower has finished its current batch and stops it from applying more until
     * {@link #resume}; {@link #position} is then stable. Keep the pause short: updates wait meanwhile.
     */
    public void pause() throws InterruptedException {
        applying.acquire();
    }

    public void resume() {
        applying.release();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = TopicPartitions.await(consumer, topic, () -> running);
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            Map<Integer, Long> start;
            try (CatalogLease lease = live.acquire()) {
                start = TopicOffsets.decode(lease.index().commitData().get(TopicOffsets.COMMIT_KEY));
            }
            seek(consumer, partitions, start);
            Map<Integer, Long> now = new TreeMap<>();
            for (TopicPartition p : partitions) {
                now.put(p.partition(), consumer.position(p));
            }
            position = Map.copyOf(now);
            assigned = true;
            LOG.info("following {} from offsets {}", topic, position);
            long lastCommit = System.nanoTime();
            boolean dirty = false;
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(POLL_MILLIS));
                applying.acquireUninterruptibly();
                try {
                    if (!records.isEmpty()) {
                        try (CatalogLease lease = live.acquire()) {
                            CatalogIndex index = lease.index();
                            Map<Integer, Long> next = new TreeMap<>(position);
                            for (ConsumerRecord<String, String> record : records) {
                                apply(index, record, true);
                                next.put(record.partition(), record.offset() + 1);
                            }
                            index.putCommitData(Map.of(TopicOffsets.COMMIT_KEY, TopicOffsets.encode(next)));
                            index.refresh();
                            position = Map.copyOf(next);
                            dirty = true;
                        }
                        if (vectors != null) {
                            vectors.flush();
                        }
                    }
                    if (dirty && System.nanoTime() - lastCommit > COMMIT_INTERVAL_MILLIS * 1_000_000L) {
                        try (CatalogLease lease = live.acquire()) {
                            lease.index().commit();
                        }
                        lastCommit = System.nanoTime();
                        dirty = false;
                    }
                } finally {
                    applying.release();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure = "woken up unexpectedly";
            }
        } catch (RuntimeException e) {
            failure = e.toString();
            LOG.error("catalog follower stopped", e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /**
     * Applies the records of the topic from {@code from} (the beginning for a partition it lacks) up to,
     * not including, {@code to} to {@code index}, then records {@code to} as its applied offsets and
     * refreshes it. Item vectors are not published: the caller publishes the whole generation when it
     * goes live.
     *
     * @return the records applied
     */
    public long replay(CatalogIndex index, Map<Integer, Long> from, Map<Integer, Long> to) {
        Objects.requireNonNull(index, "index");
        long count = 0;
        Map<Integer, Long> pending = new HashMap<>(to);
        pending.entrySet().removeIf(e -> from.getOrDefault(e.getKey(), 0L) >= e.getValue());
        if (!pending.isEmpty()) {
            try (Consumer<String, String> reader =
                    new KafkaConsumer<>(consumerProperties(kafka, "index-service-catalog-replay"))) {
                List<TopicPartition> partitions = pending.keySet().stream()
                        .map(p -> new TopicPartition(topic, p))
                        .toList();
                reader.assign(partitions);
                seek(reader, partitions, from);
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (!pending.isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("catch-up of " + topic + " did not reach " + to);
                    }
                    for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(POLL_MILLIS))) {
                        Long end = to.get(record.partition());
                        if (end != null && record.offset() < end) {
                            apply(index, record, false);
                            count++;
                        }
                    }
                    pending.entrySet()
                            .removeIf(e -> reader.position(new TopicPartition(topic, e.getKey())) >= e.getValue());
                }
            }
        }
        Map<Integer, Long> reached = new TreeMap<>(from);
        reached.putAll(to);
        index.putCommitData(Map.of(TopicOffsets.COMMIT_KEY, TopicOffsets.encode(reached)));
        index.refresh();
        return count;
    }

    private static void seek(
            Consumer<String, String> consumer, List<TopicPartition> partitions, Map<Integer, Long> at) {
        for (TopicPartition p : partitions) {
            Long offset = at.get(p.partition());
            if (offset == null) {
                consumer.seekToBeginning(List.of(p));
            } else {
                consumer.seek(p, offset);
            }
        }
    }

    private void apply(CatalogIndex index, ConsumerRecord<String, String> record, boolean publish) {
        String key = record.key();
        try {
            if (record.value() == null) {
                if (key == null) {
                    throw new InvalidRecordException("key", "a tombstone needs the itemId as its key");
                }
                index.delete(key);
                if (publish && vectors != null) {
                    vectors.send(new ProducerRecord<>(vectorsTopic, key, null));
                }
            } else {
                CatalogItem item = CatalogItemJson.parse(record.value());
                if (key != null && !key.equals(item.itemId())) {
                    throw new InvalidRecordException(
                            "key", "the key '" + key + "' differs from the itemId '" + item.itemId() + "'");
                }
                float[] content = index.upsert(item);
                if (publish && vectors != null) {
                    float[] cf = index.cfDimension() > 0 ? index.cfVector(item.itemId()) : null;
                    String value =
                            ItemVectorsJson.write(new ItemVectors(item.itemId(), index.generation(), content, cf));
                    vectors.send(new ProducerRecord<>(vectorsTopic, item.itemId(), value));
                }
            }
            applied.incrementAndGet();
        } catch (InvalidRecordException e) {
            long n = malformed.incrementAndGet();
            lastMalformed = record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + e.getMessage();
            if (n <= 10 || Long.bitCount(n) == 1) {
                LOG.warn("skipping malformed catalog record ({} so far) {}", n, lastMalformed);
            }
        }
    }

    /** Stops the thread, commits the live generation and closes the consumer. */
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
