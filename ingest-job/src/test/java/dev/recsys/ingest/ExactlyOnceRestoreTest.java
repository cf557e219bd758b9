package dev.recsys.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.infra.Topics;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.json.ItemVectorsJson;
import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;
import dev.recsys.ranker.records.UserVectors;
import dev.recsys.ranker.vector.VectorMath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once in effect: the job replays MovieLens small (100,836 ratings, 610 shoppers) once
 * cleanly, and once killed in the middle and restarted from its last retained checkpoint; every
 * shopper must end with the same version and the same content vector.
 *
 * <p>The sink is at-least-once, so after the restart some user-vector records are written twice;
 * like every reader of {@code user-vectors}, the test keeps the highest version per shopper. Item
 * statistics are switched off here: 22 years of event time in hourly sliding windows would be
 * millions of window results and dominate the run, and the windows are covered by the pipeline
 * test.
 */
class ExactlyOnceRestoreTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final long ITEM_SEED = 20_180_926L;

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path checkpoints;

    private static List<InteractionEvent> ratings;
    private static Map<String, Long> expectedVersions;

    /** {@code recsys.shared.data}, else {@code ../../shared/data} from the module folder. */
    private static Path ratingsFile() {
        String base = System.getProperty("recsys.shared.data", "../../shared/data");
        return Path.of(base, "movielens-small", "ratings.csv");
    }

    @BeforeAll
    static void publishItemsAndRatings() throws Exception {
        Path file = ratingsFile();
        Assumptions.assumeTrue(
                Files.isRegularFile(file),
                "MovieLens small not found at " + file.toAbsolutePath()
                        + " (set -Drecsys.shared.data=DIR to the folder holding movielens-small/); skipping");
        ratings = readRatings(file);
        expectedVersions = new HashMap<>();
        ratings.forEach(event -> expectedVersions.merge(event.userId(), 1L, Long::sum));

        Properties props = kafka.producerProperties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (String itemId :
                    new TreeSet<>(ratings.stream().map(InteractionEvent::itemId).toList())) {
                ItemVectors item = new ItemVectors(itemId, 1, itemVector(itemId), null);
                producer.send(new ProducerRecord<>(Topics.ITEM_VECTORS, itemId, ItemVectorsJson.write(item)));
            }
            producer.flush();
            for (InteractionEvent event : ratings) {
                producer.send(
                        new ProducerRecord<>(Topics.INTERACTIONS, event.userId(), InteractionEventJson.write(event)));
            }
            producer.flush();
        }
    }

    /** Every rating as a {@code rate} event, in time order (ties in file order), with a deterministic id. */
    static List<InteractionEvent> readRatings(Path file) throws IOException {
        record Row(long ts, int line, InteractionEvent event) {}
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != 4) {
                continue;
            }
            long ts = Long.parseLong(f[3]) * 1000;
            String userId = "ml-u" + f[0];
            String itemId = "ml-m" + f[1];
            rows.add(new Row(
                    ts,
                    i,
                    new InteractionEvent(
                            "ml-" + f[0] + "-" + f[1],
                            userId,
                            itemId,
                            EventType.RATE,
                            ts,
                            Double.valueOf(f[2]),
                            null,
                            null)));
        }
        rows.sort(Comparator.comparingLong(Row::ts).thenComparingInt(Row::line));
        return rows.stream().map(Row::event).toList();
    }

    /** A unit vector seeded by the item id: the same on every run. */
    static float[] itemVector(String itemId) {
        Random random = new Random(ITEM_SEED ^ itemId.hashCode());
        float[] vector = new float[Fixtures.DIMENSION];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return VectorMath.normalized(vector);
    }

    private static IngestJobOptions options(String name) {
        return IngestJobOptions.parse(
                "--bootstrap-servers", kafka.bootstrapServers(),
                "--group-id", "exactly-once-" + name,
                "--parallelism", "2",
                "--checkpoint-interval-ms", "500",
                "--starting-offsets", "earliest",
                "--item-stats-windows", "none",
                "--checkpoint-dir", checkpoints.resolve(name).toString());
    }

    private static JobClient start(IngestJobOptions options) throws Exception {
        StreamExecutionEnvironment env = Environments.embedded(options);
        IngestJob.onKafka(options).build(env);
        return env.executeAsync(IngestJob.NAME);
    }

    private static void cancel(JobClient job) throws Exception {
        job.cancel().get(30, TimeUnit.SECONDS);
        try {
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
            // A cancelled job ends with a "job was cancelled" failure.
        }
    }

    /** The newest retained checkpoint under {@code dir} ({@code <job id>/chk-N} with its metadata). */
    private static Optional<Path> latestCheckpoint(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .max(Comparator.comparingLong(
                            p -> Long.parseLong(p.getFileName().toString().substring(4))));
        }
    }

    @Test
    void killedAndRestoredRunEndsWithTheSameShopperVectorsAsACleanRun() throws Exception {
        // Clean run.
        Map<String, UserVectors> clean;
        Map<TopicPartition, Long> mark;
        try (VersionTracker tracker = new VersionTracker(Map.of())) {
            JobClient job = start(options("clean"));
            try {
                tracker.awaitVersions(expectedVersions, job);
            } finally {
                cancel(job);
            }
            clean = tracker.highest();
            mark = tracker.endOffsets();
        }
        assertEquals(expectedVersions.size(), clean.size());

        // Killed in the middle, after a completed checkpoint, then restored from it.
        Path dir = checkpoints.resolve("killed");
        try (VersionTracker tracker = new VersionTracker(mark)) {
            JobClient first = start(options("killed"));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            // A checkpoint taken before the first record was read would hold no progress: wait for
            // one that completes after records have been written.
            while (tracker.records() == 0 && System.nanoTime() < deadline) {
                tracker.poll();
            }
            Optional<Path> beforeProgress = latestCheckpoint(dir);
            while ((latestCheckpoint(dir).isEmpty() || latestCheckpoint(dir).equals(beforeProgress))
                    && System.nanoTime() < deadline) {
                tracker.poll();
            }
            cancel(first);
            tracker.drain();
            long writtenBeforeKill = tracker.records();
            Path checkpoint = latestCheckpoint(dir).orElseThrow(() -> new AssertionError("no checkpoint completed"));
            assertTrue(
                    writtenBeforeKill < ratings.size(),
                    "the first attempt finished all " + ratings.size() + " events before the kill; nothing to restore");

            JobClient second = start(options("killed").withRestoreFrom(checkpoint.toString()));
            try {
                tracker.awaitVersions(expectedVersions, second);
            } finally {
                cancel(second);
            }
            Map<String, UserVectors> restored = tracker.highest();
            long writtenAfterRestore = tracker.records() - writtenBeforeKill;
            // A restart without the checkpoint's state would replay every event from scratch.
            assertTrue(
                    writtenAfterRestore < ratings.size(),
                    "the restored job wrote " + writtenAfterRestore + " records: it did not resume from " + checkpoint);

            assertEquals(clean.keySet(), restored.keySet());
            List<String> different = new ArrayList<>();
            for (Map.Entry<String, UserVectors> entry : clean.entrySet()) {
                UserVectors a = entry.getValue();
                UserVectors b = restored.get(entry.getKey());
                if (a.version() != b.version() || maxDifference(a.content(), b.content()) > 1e-5) {
                    different.add(entry.getKey() + " v" + a.version() + "/v" + b.version() + " diff "
                            + maxDifference(a.content(), b.content()));
                }
            }
            assertEquals(
                    List.of(),
                    different,
                    "restored from " + checkpoint + " after " + writtenBeforeKill + " records; " + tracker.records()
                            + " records in all");
        }
    }

    static double maxDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Reads {@code user-vectors} from given offsets and keeps the highest version per shopper. */
    private static final class VersionTracker implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final Map<String, UserVectors> highest = new TreeMap<>();
        private long records;

        VersionTracker(Map<TopicPartition, Long> from) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
            consumer = new KafkaConsumer<>(props);
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.USER_VECTORS, TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, from.getOrDefault(partition, 0L));
            }
        }

        void poll() {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                UserVectors user = UserVectorsJson.parse(record.value());
                records++;
                highest.merge(user.userId(), user, (a, b) -> b.version() > a.version() ? b : a);
            }
        }

        /** Reads up to the current end of the topic. */
        void drain() {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                poll();
            }
        }

        void awaitVersions(Map<String, Long> expected, JobClient job) throws Exception {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                poll();
                if (reached(expected)) {
                    return;
                }
                if (job.getJobStatus().get().isGloballyTerminalState()) {
                    throw new AssertionError(
                            "the job stopped: " + job.getJobStatus().get());
                }
            }
            long done = expected.entrySet().stream()
                    .filter(e -> highest.containsKey(e.getKey())
                            && highest.get(e.getKey()).version() >= e.getValue())
                    .count();
            throw new AssertionError(done + " of " + expected.size() + " shoppers complete after " + records
                    + " records within " + TIMEOUT);
        }

        private boolean reached(Map<String, Long> expected) {
            if (highest.size() < expected.size()) {
                return false;
            }
            for (Map.Entry<String, Long> entry : expected.entrySet()) {
                UserVectors user = highest.get(entry.getKey());
                if (user == null || user.version() < entry.getValue()) {
                    return false;
                }
            }
            return true;
        }

        Map<String, UserVectors> highest() {
            return Map.copyOf(highest);
        }

        long records() {
            return records;
        }

        Map<TopicPartition, Long> endOffsets() {
            return consumer.endOffsets(consumer.assignment());
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
