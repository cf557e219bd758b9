package dev.recsys.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.infra.net.LocalPorts;
import dev.recsys.ranker.records.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerLifecycleIT {

    @TempDir
    Path dir;

    @Test
    void closeStopsTheBrokerJvmFreesItsPortsAndDeletesTheTemporaryDataFolder() throws Exception {
        KafkaBroker broker = KafkaBroker.builder().start();
        long pid = broker.pid();
        int port = broker.port();
        int controllerPort = broker.controllerPort();
        Path data = broker.dataDir();
        assertTrue(Files.isDirectory(data));

        broker.close();

        assertFalse(broker.isAlive());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "broker JVM still running");
        assertTrue(LocalPorts.isFree(port), "client port still taken");
        assertTrue(LocalPorts.isFree(controllerPort), "controller port still taken");
        assertFalse(Files.exists(data), "temporary data folder left behind");
        broker.close(); // idempotent
    }

    @Test
    void restartOnTheSameDataFolderKeepsTheRecords() throws Exception {
        Path data = dir.resolve("kafka");
        try (KafkaBroker first = KafkaBroker.builder().dataDir(data).start()) {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(first))) {
                producer.send(new ProducerRecord<>(Topics.CATALOG, "item-1", "{\"title\":\"kept\"}"))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        assertTrue(Files.exists(data.resolve("kraft/meta.properties")), "data folder was deleted");
        String clusterId = clusterId(data);

        try (KafkaBroker second = KafkaBroker.builder().dataDir(data).start()) {
            assertEquals(clusterId, clusterId(data), "storage was formatted again");
            List<ConsumerRecord<String, String>> records = readAll(second, Topics.CATALOG);
            assertEquals(1, records.size());
            assertEquals("item-1", records.get(0).key());
            assertEquals("{\"title\":\"kept\"}", records.get(0).value());
        }
    }

    @Test
    void takenPortIsReportedBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            BrokerStartException e = assertThrows(
                    BrokerStartException.class,
                    () -> KafkaBroker.builder().port(taken.getLocalPort()).start());

            assertTrue(e.getMessage().contains("port " + taken.getLocalPort() + " is already in use"), e.getMessage());
        }
    }

    @Test
    void brokerThatDiesDuringStartUpFailsWithTheEndOfItsLog() throws Exception {
        // A data folder formatted for another node: the broker refuses it and exits at once.
        Path data = dir.resolve("other-node");
        Files.createDirectories(data.resolve("kraft"));
        Files.writeString(
                data.resolve("kraft/meta.properties"),
                "version=1\nnode.id=7\ncluster.id=hSq0XMZyQmSrVqdts7mXMA\ndirectory.id=QaIzMX9d-Gu0l0Rr-vkYzQ\n");

        BrokerStartException e = assertThrows(
                BrokerStartException.class,
                () -> KafkaBroker.builder().dataDir(data).start());

        assertTrue(e.getMessage().contains("exited with code"), e.getMessage());
        assertTrue(e.getMessage().contains("broker.log"), e.getMessage());
        assertTrue(e.getMessage().contains("node"), "the log tail explains it: " + e.getMessage());
    }

    @Test
    void builderRejectsBadOptionsNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaBroker.builder()
                        .port(70_000))
                .getMessage()
                .contains("port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaBroker.builder()
                        .controllerPort(-1))
                .getMessage()
                .contains("controllerPort"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaBroker.builder()
                        .port(9999)
                        .controllerPort(9999)
                        .start())
                .getMessage()
                .contains("differ"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaBroker.builder()
                        .startTimeout(Duration.ZERO))
                .getMessage()
                .contains("startTimeout"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaBroker.builder()
                        .partitions(0))
                .getMessage()
                .contains("partitions"));
    }

    @Test
    void newerJdksGetTheOptionsThatSilenceTheirWarnings() {
        assertFalse(KafkaBroker.jvmOptions(21).contains("--sun-misc-unsafe-memory-access=allow"));
        assertTrue(KafkaBroker.jvmOptions(25).contains("--sun-misc-unsafe-memory-access=allow"));
        assertTrue(KafkaBroker.jvmOptions(21).contains("-Xmx512m"));
    }

    private static String clusterId(Path data) throws Exception {
        Properties meta = new Properties();
        try (var in = Files.newInputStream(data.resolve("kraft/meta.properties"))) {
            meta.load(in);
        }
        return meta.getProperty("cluster.id");
    }

    private static Properties producerProps(KafkaBroker broker) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    private static List<ConsumerRecord<String, String>> readAll(KafkaBroker broker, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
