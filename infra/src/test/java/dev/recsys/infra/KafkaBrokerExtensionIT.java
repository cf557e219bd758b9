package dev.recsys.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.infra.net.LocalPorts;
import dev.recsys.ranker.records.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaBrokerExtensionIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void brokerListensOnFreeLoopbackPorts() {
        KafkaBroker broker = kafka.broker();

        assertEquals("127.0.0.1:" + broker.port(), kafka.bootstrapServers());
        assertNotEquals(broker.port(), broker.controllerPort());
        assertTrue(LocalPorts.isListening(broker.port(), 1_000));
        assertTrue(LocalPorts.isListening(broker.controllerPort(), 1_000));
        assertTrue(broker.isAlive());
    }

    @Test
    void allProjectTopicsExistWithTheirCleanupPolicy() throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(Topics.ALL).allTopicNames().get(30, TimeUnit.SECONDS);
            List<ConfigResource> resources = Topics.ALL.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                    .toList();
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);

            for (String topic : Topics.ALL) {
                assertEquals(
                        TopicSetup.DEFAULT_PARTITIONS,
                        topics.get(topic).partitions().size(),
                        topic);
                String policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                        .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                        .value();
                String expected = TopicSetup.isCompacted(topic)
                        ? TopicConfig.CLEANUP_POLICY_COMPACT
                        : TopicConfig.CLEANUP_POLICY_DELETE;
                assertEquals(expected, policy, topic);
            }
            assertEquals(
                    Long.toString(TopicSetup.RAW_EVENT_RETENTION.toMillis()),
                    configValue(configs, Topics.INTERACTIONS, TopicConfig.RETENTION_MS_CONFIG));
            assertEquals(
                    Long.toString(TopicSetup.RAW_EVENT_RETENTION.toMillis()),
                    configValue(configs, Topics.INTERACTIONS_DLQ, TopicConfig.RETENTION_MS_CONFIG));
            assertEquals(
                    Long.toString(TopicSetup.USER_VECTORS_MAX_COMPACTION_LAG.toMillis()),
                    configValue(configs, Topics.USER_VECTORS, TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG));
        }
    }

    private static String configValue(Map<ConfigResource, Config> configs, String topic, String key) {
        return configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                .get(key)
                .value();
    }

    @Test
    void createMissingTopicsAgainCreatesNothing() throws Exception {
        try (Admin admin = kafka.admin()) {
            assertEquals(List.of(), TopicSetup.createMissing(admin, 2, TIMEOUT));
        }
    }

    @Test
    void producedRecordIsConsumedBack() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producerProperties())) {
            producer.send(new ProducerRecord<>(Topics.INTERACTIONS, "shopper-1", "{\"eventId\":\"e1\"}"))
                    .get(30, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<String, String>> records = kafka.consume(Topics.INTERACTIONS, 1, TIMEOUT);

        assertEquals(1, records.size());
        assertEquals("shopper-1", records.get(0).key());
        assertEquals("{\"eventId\":\"e1\"}", records.get(0).value());
    }

    @Test
    void consumerPropertiesReadATopicFromTheBeginningInAGroup() {
        kafka.createTopic("group-read", 1, false);
        kafka.produce("group-read", "k", "v");

        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.consumerProperties("test-group"))) {
            consumer.subscribe(List.of("group-read"));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        assertEquals(List.of("v"), values);
    }

    @Test
    void createTopicMakesACompactedTopicAndToleratesAnExistingOne() throws Exception {
        kafka.createTopic("test-compacted", 3, true);
        kafka.createTopic("test-compacted", 3, true);

        try (Admin admin = kafka.admin()) {
            TopicDescription description = admin.describeTopics(Set.of("test-compacted"))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get("test-compacted");
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "test-compacted");
            String policy = admin.describeConfigs(List.of(resource))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(resource)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                    .value();
            assertEquals(3, description.partitions().size());
            assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, policy);
        }
    }

    @Test
    void consumeWithMinCountZeroReturnsWhatTheTopicHolds() {
        kafka.createTopic("test-snapshot", 2, false);
        for (int i = 0; i < 5; i++) {
            kafka.produce("test-snapshot", "key-" + i, "value-" + i);
        }

        List<ConsumerRecord<String, String>> records = kafka.consume("test-snapshot", 0, TIMEOUT);

        assertEquals(
                Set.of("value-0", "value-1", "value-2", "value-3", "value-4"),
                records.stream().map(ConsumerRecord::value).collect(Collectors.toSet()));
    }

    @Test
    void consumeFailsWithACountWhenTooFewRecordsArrive() {
        kafka.createTopic("test-empty", 1, false);

        AssertionError e =
                assertThrows(AssertionError.class, () -> kafka.consume("test-empty", 1, Duration.ofMillis(500)));

        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }

    @Test
    void producingToAnUnknownTopicFailsInsteadOfCreatingIt() throws Exception {
        Properties props = kafka.producerProperties();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props);
                Admin admin = kafka.admin()) {
            Future<RecordMetadata> sent = producer.send(new ProducerRecord<>("no-such-topic", "k", "v"));

            assertThrows(ExecutionException.class, () -> sent.get(10, TimeUnit.SECONDS));
            assertFalse(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("no-such-topic"));
        }
    }
}
