package dev.recsys.index.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.InvalidRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates shopper interactions sent over HTTP and produces them to {@code interactions}, keyed by
 * userId so that one shopper's events stay in order on one partition.
 *
 * <p>A body is one JSON event object or a JSON array of up to {@value #MAX_BATCH} of them. All
 * events are checked before any is sent, as the stream job would check them: one bad event rejects the
 * whole body with an {@link InvalidRecordException} whose field says where, e.g. {@code [3].type}, and
 * one whose item is not a {@link KnownItems known item} with an {@link UnknownItemException} ({@code
 * [3].itemId}). The call returns once the broker acknowledged every event (acks=all, idempotent
 * producer), so an accepted event is durable.
 */
public final class EventPublisher implements AutoCloseable {
    public static final int MAX_BATCH = 1_000;

    /** How long a request waits for the broker's acknowledgements. */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    /** What a client hears when the brokers did not confirm every event: the truth, and that a retry is safe. */
    public static final String NOT_CONFIRMED = "the brokers did not confirm every event in time; some or all of"
            + " them may have been stored. Sending the same body again is safe: the stream job de-duplicates by"
            + " eventId";

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private final Producer<String, String> producer;
    private final String topic;
    private final LongSupplier clock;
    private final KnownItems items;

    /** A publisher that accepts events for any item. */
    public EventPublisher(Producer<String, String> producer, String topic, LongSupplier clock) {
        this(producer, topic, clock, KnownItems.ANY);
    }

    /** A publisher that accepts events only for {@code items}. */
    public EventPublisher(Producer<String, String> producer, String topic, LongSupplier clock, KnownItems items) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
        this.items = Objects.requireNonNull(items, "items");
    }

    /** A publisher with its own producer on the given brokers, accepting events for {@code items}. */
    public static EventPublisher create(KafkaSettings kafka, String topic, KnownItems items) {
        return new EventPublisher(
                new KafkaProducer<>(producerProperties(kafka, "index-service-events")),
                topic,
                System::currentTimeMillis,
                items);
    }

    /**
     * Durable, ordered, de-duplicated producing: acks=all and idempotence, a short linger; the Kafka
     * client properties passed through go on top (those two and the serializers cannot be among them).
     */
    public static Properties producerProperties(KafkaSettings kafka, String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // Fail an HTTP request within seconds rather than hang when the brokers are away.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "12000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        return kafka.clientProperties(props);
    }

    /**
     * Parses and validates a body without sending anything.
     *
     * @param nowMillis the current time; an event more than a day ahead of it is invalid
     * @throws InvalidRecordException naming the field ({@code [i].field} inside an array)
     */
    public static List<InteractionEvent> parse(String body, long nowMillis) {
        return read(body, nowMillis).events();
    }

    /** A checked body: its events, and whether it was an array (whose fields are named {@code [i].field}). */
    record Body(List<InteractionEvent> events, boolean array) {
        String field(int index, String field) {
            return array ? "[" + index + "]." + field : field;
        }
    }

    private static Body read(String body, long nowMillis) {
        JsonNode root;
        if (body == null || body.isBlank()) {
            throw new InvalidRecordException(null, "empty body: expected an event object or an array of events");
        }
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(null, "malformed JSON: " + e.getOriginalMessage());
        }
        if (root instanceof ObjectNode object) {
            return new Body(List.of(InteractionEventJson.fromNode(object, nowMillis)), false);
        }
        if (!(root instanceof ArrayNode array)) {
            throw new InvalidRecordException(null, "expected an event object or an array of events");
        }
        if (array.isEmpty()) {
            throw new InvalidRecordException(null, "empty array: expected at least one event");
        }
        if (array.size() > MAX_BATCH) {
            throw new InvalidRecordException(
                    null, "more than " + MAX_BATCH + " events in one request (" + array.size() + ")");
        }
        List<InteractionEvent> events = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof ObjectNode object)) {
                throw new InvalidRecordException("[" + i + "]", "must be an event object");
            }
            try {
                events.add(InteractionEventJson.fromNode(object, nowMillis));
            } catch (InvalidRecordException e) {
                String field = e.field() == null ? "[" + i + "]" : "[" + i + "]." + e.field();
                throw new InvalidRecordException(field, e.reason());
            }
        }
        return new Body(events, true);
    }

    /**
     * Validates the body, then produces every event and waits for the acknowledgements.
     *
     * @return how many events were accepted
     * @throws InvalidRecordException when any event is invalid (nothing is sent)
     * @throws UnknownItemException when an event names an item that is not known (nothing is sent)
     * @throws PublishException when the brokers did not acknowledge every event in time (some may be stored)
     */
    public int publish(String body) {
        Body checked = read(body, clock.getAsLong());
        List<InteractionEvent> events = checked.events();
        checkItems(checked);
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        try {
            for (InteractionEvent event : events) {
                sent.add(producer.send(new ProducerRecord<>(topic, event.userId(), InteractionEventJson.write(event))));
            }
            long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
            for (Future<RecordMetadata> future : sent) {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notConfirmed(events.size(), e);
        } catch (ExecutionException e) {
            // One event failed; others of the body may well have been written before it.
            throw notConfirmed(events.size(), e.getCause());
        } catch (java.util.concurrent.TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw notConfirmed(events.size(), e);
        }
        return events.size();
    }

    private void checkItems(Body body) {
        List<InteractionEvent> events = body.events();
        List<String> itemIds = new ArrayList<>(events.size());
        for (InteractionEvent event : events) {
            itemIds.add(event.itemId());
        }
        int unknown = items.firstUnknown(itemIds);
        if (unknown >= 0) {
            throw new UnknownItemException(
                    body.field(unknown, "itemId"),
                    "no item '" + itemIds.get(unknown)
                            + "' in the catalog; the stream job would dead-letter the event");
        }
    }

    private PublishException notConfirmed(int events, Throwable cause) {
        LOG.warn("{} events to {} not confirmed: {}", events, topic, cause.toString());
        return new PublishException(NOT_CONFIRMED, cause);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /**
     * An event names an item the catalog does not hold; {@code field} says which ({@code itemId}, or {@code
     * [i].itemId} in an array).
     */
    public static final class UnknownItemException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        public UnknownItemException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * The events were valid but the brokers did not confirm them all: some may be stored, others not; the
     * client may retry the same body.
     */
    public static final class PublishException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
