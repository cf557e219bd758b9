package dev.recsys.index.evaluation;

import dev.recsys.ranker.eval.Dataset;
import dev.recsys.ranker.eval.Interaction;
import dev.recsys.ranker.json.InteractionEventJson;
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
     */
    public record Result(Dataset dataset, long records, long malformed, long duplicates) {}

    private record Read(int partition, long offset, InteractionEvent event) {
        boolean before(Read other) {
            return partition != other.partition() ? partition < other.partition() : offset < other.offset();
        }
    }

    private InteractionTopicReader() {}

    /**
     * @param timeout how long to wait for the brokers and for each step of the read
     * @throws IllegalArgumentException when the topic does not exist, cannot be reached, or holds no valid
     *     interaction
     */
    public static Result read(String bootstrapServers, String topic, Duration timeout, Consumer<String> warn) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "recsys-train");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        // eventId -> the copy at the lowest (partition, offset): the same whatever order partitions arrive in
        Map<String, Read> events = new HashMap<>();
        long records = 0;
        long malformed = 0;
        long duplicates = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, timeout);
            } catch (KafkaException e) {
                throw new IllegalArgumentException("--bootstrap-servers " + bootstrapServers + ": cannot read topic '"
                        + topic + "': " + e.getMessage());
            }
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("--topic: there is no topic '" + topic + "' at " + bootstrapServers);
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            long now = System.currentTimeMillis();
            long lastProgress = System.nanoTime();
            while (!end.isEmpty()) {
                var batch = consumer.poll(POLL);
                if (!batch.isEmpty()) {
                    lastProgress = System.nanoTime();
                }
                for (ConsumerRecord<String, String> record : batch) {
                    if (record.offset() >= end.getOrDefault(new TopicPartition(topic, record.partition()), -1L)) {
                        continue; // arrived after the read started
                    }
                    records++;
                    InteractionEvent event;
                    try {
                        event = parse(record.value(), now);
                    } catch (InvalidRecordException e) {
                        malformed++;
                        if (malformed <= REPORTED_ERRORS) {
                            warn.accept(topic + "-" + record.partition() + "@" + record.offset() + ": skipped, "
                                    + e.getMessage());
                        }
                        continue;
                    }
                    Read read = new Read(record.partition(), record.offset(), event);
                    Read earlier = events.putIfAbsent(event.eventId(), read);
                    if (earlier != null) {
                        duplicates++;
                        if (read.before(earlier)) {
                            events.put(event.eventId(), read);
                        }
                    }
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
                if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                    throw new IllegalArgumentException("--bootstrap-servers " + bootstrapServers + ": reading '" + topic
                            + "' made no progress for " + timeout.toSeconds() + " s");
                }
            }
        }
        if (malformed > REPORTED_ERRORS) {
            warn.accept("... " + (malformed - REPORTED_ERRORS) + " more malformed records skipped");
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("--topic '" + topic + "' holds no valid interaction (" + records
                    + " records, " + malformed + " malformed)");
        }
        List<InteractionEvent> valid = new ArrayList<>(events.size());
        events.values().forEach(read -> valid.add(read.event()));
        return new Result(dataset(valid), records, malformed, duplicates);
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
