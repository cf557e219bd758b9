package dev.recsys.ingest;

import static dev.recsys.ingest.Fixtures.item;
import static dev.recsys.ingest.Fixtures.unitVector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.infra.KafkaBroker;
import dev.recsys.ingest.checkpoints.RetainedCheckpoints;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.json.ItemVectorsJson;
import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;
import dev.recsys.ranker.records.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker killed outright ({@code kill -9}) while the job runs and events are produced, then
 * started again on the same data folder and port: the job rides out the outage (Flink restarts it
 * from its latest checkpoint if it fails) and every shopper ends with exactly one version per
 * distinct event, none lost and none applied twice, although the producer re-sends events whose
 * acknowledgement it did not get.
 */
class BrokerKilledMidStreamIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String GROUP = "broker-killed";
    private static final int SHOPPERS = 40;
    private static final int ITEMS = 12;
    private static final int EVENTS = 1_000;
    /**
     * About 5 s of production at this pace; the broker is killed a quarter of the way in, and as the
     * producer waits for each acknowledgement the rest follows once the broker is back.
     */
    private static final long EVENT_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private static final long BASE_TS = Fixtures.NOW;

    @TempDir
    Path work;

    private volatile String bootstrap;

    @Test
    void noEventIsLostOrAppliedTwiceWhenTheBrokerIsKilledAndRestartedMidStream() throws Exception {
        Path data = work.resolve("kafka");
        KafkaBroker first = KafkaBroker.builder().dataDir(data).start();
        int port = first.port();
        int controllerPort = first.controllerPort();
        bootstrap = first.bootstrapServers();
        KafkaBroker second = null;
        Random random = new Random(4242);
        List<InteractionEvent> events = events(random);
        Map<String, Set<String>> distinct = new HashMap<>();
        events.forEach(
                e -> distinct.computeIfAbsent(e.userId(), u -> new HashSet<>()).add(e.eventId()));
        Map<String, Long> expected = new TreeMap<>();
        distinct.forEach((userId, ids) -> expected.put(userId, (long) ids.size()));

        IngestJobOptions options = IngestJobOptions.parse(
                "--bootstrap-servers",
                bootstrap,
                "--group-id",
                GROUP,
                "--parallelism",
                "2",
                "--checkpoint-interval-ms",
                "500",
                "--item-stats-windows",
                "none",
                "--checkpoint-dir",
                work.resolve("checkpoints").toString());
        RetainedCheckpoints checkpoints = RetainedCheckpoints.in(options.checkpointDir());
        JobClient job = null;
        Producing producing = null;
        try {
            publishItems(random);
            StreamExecutionEnvironment env = Environments.embedded(options);
            IngestJob.onKafka(options).build(env);
            job = env.executeAsync(IngestJob.NAME);
            producing = new Producing(events);
            producing.start();

            // Mid-stream: a good part produced, the job writing and checkpointing.
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while ((producing.acknowledged() < EVENTS / 4
                            || checkpoints.latest().isEmpty())
                    && System.nanoTime() < deadline) {
                assertRunning(job);
                producing.assertHealthy();
                Thread.sleep(POLL.toMillis());
            }
            assertTrue(producing.acknowledged() < EVENTS, "production finished before the broker was killed");
            ProcessHandle broker = ProcessHandle.of(first.pid()).orElseThrow();
            broker.destroyForcibly();
            broker.onExit().get(30, TimeUnit.SECONDS);
            int acknowledgedAtKill = producing.acknowledged();
            first.close();

            second = KafkaBroker.builder()
                    .dataDir(data)
                    .port(port)
                    .controllerPort(controllerPort)
                    .start();

            producing.awaitDone(deadline);
            assertTrue(acknowledgedAtKill < EVENTS, "events were still being produced at the kill");
            awaitVersions(expected, job, deadline);
            // Nothing left for the job to read, so no event can still be applied a second time.
            awaitCommitted(job, deadline);
            Map<String, Long> highest = highestVersions();

            assertEquals(expected, highest, producing.resent() + " events were sent again after a failed send");
        } finally {
            if (producing != null) {
                producing.interrupt();
            }
            if (job != null) {
                cancel(job);
            }
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    /** Seeded events: each shopper interacts with items at distinct times, every event once. */
    private static List<InteractionEvent> events(Random random) {
        EventType[] types = {EventType.VIEW, EventType.CLICK, EventType.ADD_TO_CART, EventType.PURCHASE};
        List<InteractionEvent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(InteractionEvent.of(
                    "bk-" + i,
                    "shopper-" + random.nextInt(SHOPPERS),
                    "item-" + random.nextInt(ITEMS),
                    types[random.nextInt(types.length)],
                    BASE_TS + i));
        }
        return events;
    }

    private void publishItems(Random random) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
            for (int i = 0; i < ITEMS; i++) {
                ItemVectors item = item("item-" + i, unitVector(random));
                producer.send(new ProducerRecord<>(Topics.ITEM_VECTORS, item.itemId(), ItemVectorsJson.write(item)))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Give up on a send after a few seconds, so that the test re-sends it (as a storefront would).
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 4_000);
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return props;
    }

    /**
     * Produces the events in order, paced, each until the broker acknowledges it: a send that fails
     * or times out is made again with the same event (and eventId).
     */
    private final class Producing extends Thread {
        private final List<InteractionEvent> events;
        private final AtomicInteger acknowledged = new AtomicInteger();
        private final AtomicInteger resent = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Producing(List<InteractionEvent> events) {
            super("broker-killed-producer");
            this.events = events;
            setDaemon(true);
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
                for (int i = 0; i < events.size() && !isInterrupted(); i++) {
                    LockSupport.parkNanos(start + i * EVENT_SPACING_NANOS - System.nanoTime());
                    InteractionEvent event = events.get(i);
                    ProducerRecord<String, String> record = new ProducerRecord<>(
                            Topics.INTERACTIONS, event.userId(), InteractionEventJson.write(event));
                    while (true) {
                        try {
                            producer.send(record).get(10, TimeUnit.SECONDS);
                            break;
                        } catch (ExecutionException | TimeoutException e) {
                            resent.incrementAndGet();
                        }
                    }
                    acknowledged.incrementAndGet();
                }
            } catch (InterruptedException e) {
                // stopped by the test
            } catch (Throwable t) {
                failure.set(t);
            }
        }

        int acknowledged() {
            return acknowledged.get();
        }

        int resent() {
            return resent.get();
        }

        void assertHealthy() {
            if (failure.get() != null) {
                throw new AssertionError("producing failed", failure.get());
            }
        }

        void awaitDone(long deadline) throws InterruptedException {
            join(TimeUnit.NANOSECONDS.toMillis(Math.max(1, deadline - System.nanoTime())));
            assertHealthy();
            assertEquals(EVENTS, acknowledged(), "every event acknowledged before the deadline");
        }
    }

    private Map<String, Long> awaitVersions(Map<String, Long> expected, JobClient job, long deadline) throws Exception {
        Map<String, Long> highest = highestVersions();
        while (!reached(highest, expected) && System.nanoTime() < deadline) {
            assertRunning(job);
            Thread.sleep(POLL.toMillis());
            highest = highestVersions();
        }
        assertTrue(reached(highest, expected), "not every shopper reached their version: " + highest);
        return highest;
    }

    private static boolean reached(Map<String, Long> highest, Map<String, Long> expected) {
        return expected.entrySet().stream().allMatch(e -> highest.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** The highest version per shopper in all of {@code user-vectors}. */
    private Map<String, Long> highestVersions() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        Map<String, Long> highest = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.USER_VECTORS, TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    highest.merge(
                            record.key(), UserVectorsJson.parse(record.value()).version(), Math::max);
                }
            }
        }
        return highest;
    }

    /**
     * Waits until the job has checkpointed past the end of {@code interactions}: it has read
     * everything. (Its source commits on checkpoints, but may take up to the connector's 10 s poll to
     * do so once the topic is quiet.)
     */
    private void awaitCommitted(JobClient job, long deadline) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INTERACTIONS, TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (System.nanoTime() < deadline) {
                assertRunning(job);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
                if (end.entrySet().stream()
                        .allMatch(e -> committed.get(e.getKey()) != null
                                && committed.get(e.getKey()).offset() >= e.getValue())) {
                    return;
                }
                Thread.sleep(POLL.toMillis());
            }
            throw new AssertionError("the job did not checkpoint past the end of interactions " + end);
        }
    }

    private static void assertRunning(JobClient job) throws Exception {
        JobStatus status = job.getJobStatus().get();
        assertFalse(status.isGloballyTerminalState(), "the job stopped: " + status);
    }

    private static void cancel(JobClient job) throws Exception {
        try {
            job.cancel().get(30, TimeUnit.SECONDS);
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
            // A cancelled job ends with a "job was cancelled" failure.
        }
    }
}
