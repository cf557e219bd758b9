package dev.recsys.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.ingest.checkpoints.RetainedCheckpoint;
import dev.recsys.ingest.checkpoints.RetainedCheckpoints;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.json.ItemVectorsJson;
import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;
import dev.recsys.ranker.records.Topics;
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
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
 * without interruption, and once killed outright in the middle and started again with the very
 * same command line; every shopper must end with the same version and the same content vector.
 *
 * <p>The sink is at-least-once, so after the restart some user-vector records are written twice;
 * like every reader of {@code user-vectors}, the test keeps the highest version per shopper. Item
 * statistics are switched off here: 22 years of event time in hourly sliding windows would be
 * millions of window results and dominate the run, and the windows are covered by the pipeline
 * test.
 */
class ExactlyOnceRestoreIT {
    /** What the job logs once its Prometheus reporter listens (the default ports 9249-9260). */
    private static final Pattern METRICS_URL =
            Pattern.compile("the stream job's metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Between two looks at the checkpoint folder. */
    private static final Duration POLL = Duration.ofMillis(100);

    private static final long ITEM_SEED = 20_180_926L;
    private static final String CLEAN_GROUP = "exactly-once-clean";

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path work;

    private static List<InteractionEvent> ratings;
    private static Map<String, Long> expectedVersions;
    private static Map<String, UserVectors> uninterrupted;

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

    /** The job's flags for a run named {@code name}: its own consumer group and checkpoint folder. */
    private static List<String> flags(String name) {
        return List.of(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--group-id",
                name,
                "--parallelism",
                "2",
                "--checkpoint-interval-ms",
                "500",
                "--item-stats-windows",
                "none",
                "--checkpoint-dir",
                work.resolve(name).toString());
    }

    private static void cancel(JobClient job) throws Exception {
        job.cancel().get(30, TimeUnit.SECONDS);
        try {
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
            // A cancelled job ends with a "job was cancelled" failure.
        }
    }

    /**
     * The uninterrupted run, made once for all tests: on this JVM's MiniCluster, started as {@link
     * IngestJobMain} starts it, with the default starting offsets and no checkpoint, by a consumer
     * group that has already committed the end of {@code interactions} (as a run whose checkpoints
     * were lost would have).
     */
    private static synchronized Map<String, UserVectors> uninterruptedRun() throws Exception {
        if (uninterrupted != null) {
            return uninterrupted;
        }
        commitEndOffsets(CLEAN_GROUP);
        IngestJobOptions options = IngestJobMain.resumePoint(
                IngestJobOptions.parse(flags(CLEAN_GROUP).toArray(String[]::new)));
        assertEquals(null, options.restoreFrom(), "nothing to resume from");
        try (VersionTracker tracker = new VersionTracker()) {
            StreamExecutionEnvironment env = Environments.embedded(options);
            IngestJob.onKafka(options).build(env);
            JobClient job = env.executeAsync(IngestJob.NAME);
            try {
                tracker.awaitVersions(expectedVersions, () -> stopped(job));
            } finally {
                cancel(job);
            }
            tracker.drain();
            uninterrupted = tracker.highest();
        }
        return uninterrupted;
    }

    private static String stopped(JobClient job) {
        try {
            JobStatus status = job.getJobStatus().get();
            return status.isGloballyTerminalState() ? "the job stopped: " + status : null;
        } catch (Exception e) {
            return "the job is gone: " + e;
        }
    }

    private static void commitEndOffsets(String groupId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.consumerProperties(groupId))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INTERACTIONS, TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            Map<TopicPartition, OffsetAndMetadata> end = new HashMap<>();
            consumer.endOffsets(partitions)
                    .forEach((partition, offset) -> end.put(partition, new OffsetAndMetadata(offset)));
            consumer.commitSync(end);
        }
    }

    @Test
    void aStartWithoutACheckpointBuildsEveryShopperFromTheEarliestOffsetsNotFromTheCommittedOnes() throws Exception {
        Map<String, UserVectors> clean = uninterruptedRun();

        Map<String, Long> versions = new TreeMap<>();
        clean.forEach((userId, user) -> versions.put(userId, user.version()));
        assertEquals(new TreeMap<>(expectedVersions), versions, "every rating applied once, none skipped");
    }

    @Test
    void killedOutrightAndStartedAgainWithTheSameCommandTheJobEndsLikeAnUninterruptedRun() throws Exception {
        Map<String, UserVectors> clean = uninterruptedRun();
        List<String> command = flags("killed");
        RetainedCheckpoints checkpoints =
                RetainedCheckpoints.in(work.resolve("killed").toUri().toString());

        try (VersionTracker tracker = new VersionTracker()) {
            String firstRun;
            long writtenBeforeKill;
            try (JobProcess first = JobProcess.start(work.resolve("killed-1.log"), command)) {
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                // A checkpoint taken before the first record was written would hold no progress: wait
                // for one that completes after records have been written.
                while (tracker.records() == 0 && System.nanoTime() < deadline && first.isAlive()) {
                    tracker.poll();
                }
                Optional<RetainedCheckpoint> beforeProgress = checkpoints.latest();
                while ((checkpoints.latest().isEmpty() || checkpoints.latest().equals(beforeProgress))
                        && System.nanoTime() < deadline
                        && first.isAlive()) {
                    tracker.poll();
                }
                assertTrue(first.isAlive(), "the job process died by itself:\n" + first.tailOfLog());
                first.kill();
                tracker.drain();
                writtenBeforeKill = tracker.records();
                firstRun = checkpoints
                        .latest()
                        .orElseThrow(() -> new AssertionError("no checkpoint completed"))
                        .jobId();
            }
            assertTrue(
                    writtenBeforeKill < ratings.size(),
                    "the first run finished all " + ratings.size() + " events before the kill; nothing to resume");

            try (JobProcess second = JobProcess.start(work.resolve("killed-2.log"), command)) {
                tracker.awaitVersions(
                        expectedVersions,
                        () -> second.isAlive() ? null : "the job process died:\n" + second.tailOfLog());
                long writtenAfterRestart = tracker.records() - writtenBeforeKill;
                // A start without the checkpoint's state would replay every event from scratch.
                assertTrue(
                        writtenAfterRestart < ratings.size(),
                        "the second run wrote " + writtenAfterRestart + " records: it did not resume");
                assertTrue(second.log().contains("resuming from the latest completed checkpoint"), second.tailOfLog());

                // Once the second run has a checkpoint of its own, the first run's folder is gone, and
                // of its own it keeps the newest three.
                String secondRun = awaitOnlyOneRun(checkpoints, second);
                assertNotEquals(firstRun, secondRun);
                awaitAtMostRetained(checkpoints, secondRun, second);
            }

            Map<String, UserVectors> restarted = tracker.highest();
            assertEquals(clean.keySet(), restarted.keySet());
            List<String> different = new ArrayList<>();
            for (Map.Entry<String, UserVectors> entry : clean.entrySet()) {
                UserVectors a = entry.getValue();
                UserVectors b = restarted.get(entry.getKey());
                if (a.version() != b.version() || maxDifference(a.content(), b.content()) > 1e-5) {
                    different.add(entry.getKey() + " v" + a.version() + "/v" + b.version() + " diff "
                            + maxDifference(a.content(), b.content()));
                }
            }
            assertEquals(
                    List.of(),
                    different,
                    "killed after " + writtenBeforeKill + " records; " + tracker.records() + " records in all");
        }
    }

    @Test
    void theEmbeddedJobListensOnLoopbackOnly() throws Exception {
        Assumptions.assumeTrue(ListeningSockets.available(), "needs Linux's /proc");
        RetainedCheckpoints checkpoints =
                RetainedCheckpoints.in(work.resolve("loopback").toUri().toString());
        List<String> command = new ArrayList<>(flags("loopback"));
        command.addAll(List.of("--starting-offsets", "latest"));

        try (JobProcess job = JobProcess.start(work.resolve("loopback.log"), command)) {
            // A completed checkpoint: the MiniCluster is up and every task runs.
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (checkpoints.latest().isEmpty() && System.nanoTime() < deadline) {
                assertTrue(job.isAlive(), "the job process died:\n" + job.tailOfLog());
                Thread.sleep(POLL.toMillis());
            }
            assertTrue(checkpoints.latest().isPresent(), "no checkpoint within " + TIMEOUT);

            List<ListeningSockets.Socket> sockets = ListeningSockets.of(job.pid());

            assertFalse(sockets.isEmpty(), "the MiniCluster opens a REST endpoint and a blob server");
            assertEquals(
                    List.of(),
                    sockets.stream().filter(socket -> !socket.isLoopback()).toList(),
                    "listening beyond loopback; all: " + sockets);
            Matcher metrics = METRICS_URL.matcher(job.log());
            assertTrue(metrics.find(), "the job serves its metrics to Prometheus:\n" + job.tailOfLog());
            int metricsPort = Integer.parseInt(metrics.group(1));
            assertTrue(
                    sockets.stream().anyMatch(socket -> socket.port() == metricsPort),
                    "the metrics port " + metricsPort + " among " + sockets);
        }
    }

    private static String awaitOnlyOneRun(RetainedCheckpoints checkpoints, JobProcess job) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<String> runs = checkpoints.runs();
        while (runs.size() != 1 && System.nanoTime() < deadline) {
            assertTrue(job.isAlive(), "the job process died:\n" + job.tailOfLog());
            Thread.sleep(POLL.toMillis());
            runs = checkpoints.runs();
        }
        assertEquals(1, runs.size(), "job folders " + runs);
        return runs.get(0);
    }

    private static void awaitAtMostRetained(RetainedCheckpoints checkpoints, String run, JobProcess job)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int retained = checkpoints.completed(run).size();
        while (retained > IngestJob.RETAINED_CHECKPOINTS && System.nanoTime() < deadline) {
            assertTrue(job.isAlive(), "the job process died:\n" + job.tailOfLog());
            Thread.sleep(POLL.toMillis());
            retained = checkpoints.completed(run).size();
        }
        assertTrue(retained >= 1 && retained <= IngestJob.RETAINED_CHECKPOINTS, retained + " checkpoints retained");
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

    /**
     * Reads {@code user-vectors} from where it ends when the tracker is made and keeps the highest
     * version per shopper.
     */
    private static final class VersionTracker implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final Map<String, UserVectors> highest = new TreeMap<>();
        private long records;

        VersionTracker() {
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
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
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

        /**
         * Reads until every shopper has reached their expected version.
         *
         * @param failure why the job can no longer get there, or {@code null} while it runs
         */
        void awaitVersions(Map<String, Long> expected, Supplier<String> failure) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                poll();
                if (reached(expected)) {
                    return;
                }
                String reason = failure.get();
                if (reason != null) {
                    throw new AssertionError(reason);
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

        @Override
        public void close() {
            consumer.close();
        }
    }
}
