package dev.recsys.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that gives a test class a real Kafka broker with the project's topics.
 *
 * <pre>{@code
 * class IngestJobIT {
 *     @RegisterExtension
 *     static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
 *
 *     @Test
 *     void rejectedEventGoesToDlq() throws Exception {
 *         kafka.produce(Topics.INTERACTIONS, "u1", "not json");
 *         var records = kafka.consume(Topics.INTERACTIONS_DLQ, 1, Duration.ofSeconds(30));
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>One broker per test class, on free ports with a temporary data folder: started before the
 * first test, stopped after the last, also when tests fail (and by a shutdown hook, or by the
 * broker itself if the test JVM is killed). {@code @Nested} classes share their outer class's
 * broker. The extension needs only kafka-clients and junit-jupiter-api on the test classpath; the
 * broker runs in its own JVM from the jars listed in the infra jar.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private final KafkaBroker.Builder options;
    private KafkaBroker broker;
    private int depth;

    /** A broker with the defaults of {@link KafkaBroker#builder()}. */
    public KafkaBrokerExtension() {
        this(KafkaBroker.builder());
    }

    /**
     * A broker with other options, e.g. {@code KafkaBroker.builder().partitions(4)}. Leave the ports
     * and the data folder at their defaults (free ports, a temporary folder) so test classes never
     * share a broker's state.
     */
    public KafkaBrokerExtension(KafkaBroker.Builder options) {
        this.options = options;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (depth++ == 0) {
            broker = options.start();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (depth > 0 && --depth == 0 && broker != null) {
            try {
                broker.close();
            } finally {
                broker = null;
            }
        }
    }

    /** The running broker. */
    public synchronized KafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException(
                    "The Kafka broker is not running: register the extension on a static field with @RegisterExtension");
        }
        return broker;
    }

    /** {@code 127.0.0.1:<port>} of the running broker. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** A new Admin client for the broker; the caller closes it. */
    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }

    /**
     * Creates a topic (replication 1) unless it exists already.
     *
     * @param compacted whether it gets {@code cleanup.policy=compact}
     */
    public void createTopic(String name, int partitions, boolean compacted) {
        try (Admin admin = admin()) {
            TopicSetup.createMissing(
                    admin, List.of(TopicSetup.definition(name, partitions, compacted)), Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create topic " + name + ": " + e, e);
        }
    }

    /** Producer settings for String keys and values, waiting for the write to be acknowledged. */
    public Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return props;
    }

    /** Consumer settings for String keys and values in group {@code groupId}, starting at the earliest offset. */
    public Properties consumerProperties(String groupId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    /** Produces one record and waits until the broker has acknowledged it. */
    public void produce(String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot produce to " + topic + ": " + e, e);
        }
    }

    /**
     * Reads {@code topic} from the beginning of every partition (no consumer group, nothing
     * committed) until at least {@code minCount} records have arrived. With {@code minCount} 0 it
     * returns what the topic holds now.
     *
     * @return the records in the order read (per partition in offset order)
     * @throws AssertionError if fewer than {@code minCount} records arrive within {@code timeout};
     *     the message says how many did
     */
    public List<ConsumerRecord<String, String>> consume(String topic, int minCount, Duration timeout) {
        if (minCount < 0) {
            throw new IllegalArgumentException("minCount must not be negative, got " + minCount);
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // read_committed: what a transactional pipeline (the stream job) has really published
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new AssertionError("Topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            if (minCount == 0) {
                var end = consumer.endOffsets(partitions, timeout);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                        && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                }
                return records;
            }
            while (records.size() < minCount && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        if (records.size() < minCount) {
            throw new AssertionError("Expected at least " + minCount + " records on " + topic + " within " + timeout
                    + ", got " + records.size() + ": " + records);
        }
        return records;
    }
}
