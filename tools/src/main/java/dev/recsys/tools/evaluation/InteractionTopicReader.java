package dev.recsys.tools.evaluation;

import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.ranker.eval.Dataset;
import dev.recsys.ranker.eval.Interaction;
import dev.recsys.ranker.json.ErasureJson;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.records.Erasure;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.InvalidRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The interaction log for training: the {@code interactions} topic read from the beginning up to its end
 * when the read starts (events arriving meanwhile are left for the next training).
 *
 * <p>The {@code erasures} topic is read first, up to its end: every event of an erased shopper at or
 * before their erasure ({@link Erasure#covers}) is left out and counted, so a model trained afterwards
 * holds nothing of them (their events after the erasure are a new shopper's and are kept).
 *
 * <p>Records are checked as the stream job checks them (the same {@link InteractionEventJson} rules); a
 * malformed one is counted, the first {@value #REPORTED_ERRORS} are reported with partition, offset and
 * reason, and it is skipped. A repeated {@code eventId} is one event, counted once. The result does not
 * depend on how the partitions' records interleave: shoppers and items are numbered in id order and
 * interactions sorted, so the same log trains the same model.
 */
public final class InteractionTopicReader {
    /** Malformed records reported one by one; the rest are only counted. */
    public static final int REPORTED_ERRORS = 10;

    private static final Duration POLL = Duration.ofMillis(500);

    /**
     * What was read.
     *
     * @param records records read
     * @param malformed records skipped as malformed
     * @param duplicates records skipped because their eventId was read before
     * @param erased records skipped because they are an erased shopper's from before the erasure
     * @param erasures shoppers erased, as read from the erasures topic
     */
    public record Result(Dataset dataset, long records, long malformed, long duplicates, long erased, int erasures) {}

    private record Read(int partition, long offset, InteractionEvent event) {
        boolean before(Read other) {
            return partition != other.partition() ? partition < other.partition() : offset < other.offset();
        }
    }

    private InteractionTopicReader() {}

    /**
     * @param kafka the brokers, and the client properties passed through to the reader
     * @param erasuresTopic the compacted topic of erased shoppers, read before {@code topic}
     * @param timeout how long to wait for the brokers and for each step of the read
     * @throws IllegalArgumentException when a topic does not exist or cannot be reached, or {@code topic}
     *     holds no valid interaction
     */
    public static Result read(
            KafkaSettings kafka, String topic, String erasuresTopic, Duration timeout, Consumer<String> warn) {
        String bootstrapServers = kafka.bootstrapServers();
        Properties props = new Properties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "recsys-train");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        // eventId -> the copy at the lowest (partition, offset): the same whatever order partitions arrive in
        Map<String, Read> events = new HashMap<>();
        Map<String, Erasure> erasures = new HashMap<>();
        long[] records = {0};
        long[] malformed = {0};
        long[] duplicates = {0};
        long[] erased = {0};
        long now = System.currentTimeMillis();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.clientProperties(props))) {
            long[] skippedErasures = {0};
            String noErasures = "there is no topic '" + erasuresTopic + "' at " + bootstrapServers
                    + ": training must know which shoppers were erased; create it (compacted) as docs/CONTRACTS.md says";
            readToEnd(consumer, bootstrapServers, erasuresTopic, noErasures, timeout, record -> {
                Erasure erasure;
                try {
                    erasure = parseErasure(record);
                } catch (InvalidRecordException e) {
                    if (++skippedErasures[0] <= REPORTED_ERRORS) {
                        warn.accept(erasuresTopic + "-" + record.partition() + "@" + record.offset() + ": skipped, "
                                + e.getMessage());
                    }
                    return;
                }
                erasures.merge(erasure.userId(), erasure, (a, b) -> a.erasedAt() >= b.erasedAt() ? a : b);
            });
            if (skippedErasures[0] > REPORTED_ERRORS) {
                warn.accept("... " + (skippedErasures[0] - REPORTED_ERRORS) + " more malformed erasures skipped");
            }
            String noTopic = "--topic: there is no topic '" + topic + "' at " + bootstrapServers;
            readToEnd(consumer, bootstrapServers, topic, noTopic, timeout, record -> {
                records[0]++;
                InteractionEvent event;
                try {
                    event = parse(record.value(), now);
                } catch (InvalidRecordException e) {
                    malformed[0]++;
                    if (malformed[0] <= REPORTED_ERRORS) {
                        warn.accept(topic + "-" + record.partition() + "@" + record.offset() + ": skipped, "
                                + e.getMessage());
                    }
                    return;
                }
                Erasure erasure = erasures.get(event.userId());
                if (erasure != null && erasure.covers(event.ts())) {
                    erased[0]++;
                    return;
                }
                Read read = new Read(record.partition(), record.offset(), event);
                Read earlier = events.putIfAbsent(event.eventId(), read);
                if (earlier != null) {
                    duplicates[0]++;
                    if (read.before(earlier)) {
                        events.put(event.eventId(), read);
                    }
                }
            });
        }
        if (malformed[0] > REPORTED_ERRORS) {
            warn.accept("... " + (malformed[0] - REPORTED_ERRORS) + " more malformed records skipped");
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("--topic '" + topic + "' holds no valid interaction (" + records[0]
                    + " records, " + malformed[0] + " malformed, " + erased[0] + " of erased shoppers)");
        }
        List<InteractionEvent> valid = new ArrayList<>(events.size());
        events.values().forEach(read -> valid.add(read.event()));
        return new Result(dataset(valid), records[0], malformed[0], duplicates[0], erased[0], erasures.size());
    }

    /**
     * Reads every partition of {@code topic} from the beginning up to its end offsets at the start,
     * handing each record to {@code handler}; records arriving meanwhile are left out.
     *
     * @param ifMissing the message when the topic does not exist
     */
    private static void readToEnd(
            KafkaConsumer<String, String> consumer,
            String bootstrapServers,
            String topic,
            String ifMissing,
            Duration timeout,
            Consumer<ConsumerRecord<String, String>> handler) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, timeout);
        } catch (KafkaException e) {
            throw new IllegalArgumentException("--bootstrap-servers " + bootstrapServers + ": cannot read topic '"
                    + topic + "': " + e.getMessage());
        }
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException(ifMissing);
        }
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
        long lastProgress = System.nanoTime();
        while (!end.isEmpty()) {
            var batch = consumer.poll(POLL);
            if (!batch.isEmpty()) {
                lastProgress = System.nanoTime();
            }
            for (ConsumerRecord<String, String> record : batch) {
                if (record.offset() < end.getOrDefault(new TopicPartition(topic, record.partition()), -1L)) {
                    handler.accept(record);
                } // else it arrived after the read started
            }
            end.entrySet().removeIf(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
            if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                throw new IllegalArgumentException("--bootstrap-servers " + bootstrapServers + ": reading '" + topic
                        + "' made no progress for " + timeout.toSeconds() + " s");
            }
        }
    }

    /** An erasure record; its key must be its userId (a tombstone cannot withdraw an erasure). */
    static Erasure parseErasure(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new InvalidRecordException(null, "a tombstone: an erasure cannot be withdrawn");
        }
        Erasure erasure = ErasureJson.parse(record.value());
        if (!erasure.userId().equals(record.key())) {
            throw new InvalidRecordException("userId", "is not the record's key");
        }
        return erasure;
    }

    static InteractionEvent parse(String value, long nowMillis) {
        if (value == null) {
            throw new InvalidRecordException(null, "empty record (tombstone)");
        }
        return InteractionEventJson.parse(value, nowMillis);
    }

    /** Shoppers and items numbered in id order, interactions sorted: independent of arrival order. */
    private static Dataset dataset(List<InteractionEvent> events) {
        events.sort(Comparator.comparing(InteractionEvent::userId)
                .thenComparing(InteractionEvent::itemId)
                .thenComparingLong(InteractionEvent::ts)
                .thenComparing(InteractionEvent::eventId));
        TreeSet<String> userSet = new TreeSet<>();
        TreeSet<String> itemSet = new TreeSet<>();
        for (InteractionEvent e : events) {
            userSet.add(e.userId());
            itemSet.add(e.itemId());
        }
        List<String> users = List.copyOf(userSet);
        List<String> items = List.copyOf(itemSet);
        Map<String, Integer> userIndex = index(users);
        Map<String, Integer> itemIndex = index(items);
        List<Interaction> interactions = new ArrayList<>(events.size());
        for (InteractionEvent e : events) {
            interactions.add(
                    new Interaction(userIndex.get(e.userId()), itemIndex.get(e.itemId()), e.ts(), e.type(), e.value()));
        }
        return new Dataset(users, items, interactions);
    }

    private static Map<String, Integer> index(List<String> ids) {
        Map<String, Integer> out = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            out.put(ids.get(i), i);
        }
        return out;
    }
}
