package dev.recsys.index.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.InvalidRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

/**
 * Validates shopper interactions sent over HTTP and produces them to {@code interactions}, keyed by
 * userId so that one shopper's events stay in order on one partition.
 *
 * <p>A body is one JSON event object or a JSON array of up to {@value #MAX_BATCH} of them. All
 * events are validated before any is sent: one bad event rejects the whole body with an {@link
 * InvalidRecordException} whose field says where, e.g. {@code [3].type}. The call returns once the
 * broker acknowledged every event (acks=all, idempotent producer), so an accepted event is durable.
 */
public final class EventPublisher implements AutoCloseable {
    public static final int MAX_BATCH = 1_000;

    /** How long a request waits for the broker's acknowledgements. */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    private final Producer<String, String> producer;
    private final String topic;
    private final LongSupplier clock;

    public EventPublisher(Producer<String, String> producer, String topic, LongSupplier clock) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
    }

    /** A publisher with its own producer on the given brokers. */
    public static EventPublisher create(String bootstrapServers, String topic) {
        return new EventPublisher(
                new KafkaProducer<>(producerProperties(bootstrapServers, "index-service-events")),
                topic,
                System::currentTimeMillis);
    }

    /** Durable, ordered, de-duplicated producing: acks=all and idempotence, a short linger. */
    public static Properties producerProperties(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
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
        return props;
    }

    /**
     * Parses and validates a body without sending anything.
     *
     * @param nowMillis the current time; an event more than a day ahead of it is invalid
     * @throws InvalidRecordException naming the field ({@code [i].field} inside an array)
     */
    public static List<InteractionEvent> parse(String body, long nowMillis) {
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
            return List.of(InteractionEventJson.fromNode(object, nowMillis));
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
        return events;
    }

    /**
     * Validates the body, then produces every event and waits for the acknowledgements.
     *
     * @return how many events were accepted
     * @throws InvalidRecordException when any event is invalid (nothing is sent)
     * @throws PublishException when the brokers did not acknowledge in time
     */
    public int publish(String body) {
        List<InteractionEvent> events = parse(body, clock.getAsLong());
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
            throw new PublishException("interrupted while producing to " + topic, e);
        } catch (ExecutionException e) {
            throw new PublishException(
                    "the brokers rejected the events: " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new PublishException("the brokers did not acknowledge the events in time", e);
        }
        return events.size();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** The events were valid but could not be stored; the client may retry the same body. */
    public static final class PublishException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
