package dev.recsys.ingest;

import static dev.recsys.ingest.Fixtures.item;
import static dev.recsys.ingest.Fixtures.unitVector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.ingest.checkpoints.RetainedCheckpoint;
import dev.recsys.ingest.checkpoints.RetainedCheckpoints;
import dev.recsys.ranker.json.ErasureJson;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.json.ItemVectorsJson;
import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.records.Erasure;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.Topics;
import dev.recsys.ranker.records.UserVectors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An erasure through the real job and broker: the shopper's profile goes (a tombstone on {@code
 * user-vectors}), the next checkpoint holds nothing of them, and after a restore from it their
 * older events stay erased while newer ones start a new profile at version 1.
 */
class ErasureKafkaIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long T0 = Fixtures.NOW;
    private static final long ERASED_AT = T0 + 3_500;

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    Path work;

    private final Random random = new Random(31);
    private final ItemVectors shoe = item("shoe", unitVector(random));
    private final ItemVectors hat = item("hat", unitVector(random));
    private final ItemVectors bag = item("bag", unitVector(random));

    /**
     * A short de-duplication memory, so that a replay with an old eventId gets past it and has to be
     * dropped by the erasure.
     */
    private IngestJobOptions options(String checkpoints) {
        return IngestJobOptions.parse(
                "--bootstrap-servers", kafka.bootstrapServers(),
                "--group-id", "erasure",
                "--parallelism", "2",
                "--checkpoint-interval-ms", "500",
                "--dedup-ttl", "PT1S",
                "--item-stats-windows", "none",
                "--checkpoint-dir", work.resolve(checkpoints).toString());
    }

    private static JobClient start(IngestJobOptions options) throws Exception {
        StreamExecutionEnvironment env = Environments.embedded(options);
        IngestJob.onKafka(options).build(env);
        return env.executeAsync(IngestJob.NAME);
    }

    private static void produce(InteractionEvent event) {
        kafka.produce(Topics.INTERACTIONS, event.userId(), InteractionEventJson.write(event));
    }

    @Test
    void anErasedShopperIsGoneFromTheTopicAndTheCheckpointAndOlderEventsStayErasedAfterARestore() throws Exception {
        for (ItemVectors item : List.of(shoe, hat, bag)) {
            kafka.produce(Topics.ITEM_VECTORS, item.itemId(), ItemVectorsJson.write(item));
        }
        InteractionEvent firstOfErin = InteractionEvent.of("e1", "erin", "shoe", EventType.VIEW, T0 + 1_000);
        produce(firstOfErin);
        produce(InteractionEvent.of("e2", "erin", "hat", EventType.CLICK, T0 + 2_000));
        produce(InteractionEvent.of("e3", "erin", "shoe", EventType.PURCHASE, T0 + 3_000));
        produce(InteractionEvent.of("f1", "frank", "hat", EventType.VIEW, T0 + 1_000));
        produce(InteractionEvent.of("f2", "frank", "bag", EventType.VIEW, T0 + 2_000));

        IngestJobOptions before = options("before");
        RetainedCheckpoints checkpoints = RetainedCheckpoints.in(before.checkpointDir());
        JobClient job = start(before);
        RetainedCheckpoint afterErasure;
        try {
            await(job, "erin at version 3", r -> isVersion(r, "erin", 3));
            await(job, "frank at version 2", r -> isVersion(r, "frank", 2));

            kafka.produce(Topics.ERASURES, "erin", "{\"userId\":\"erin\"}"); // malformed: no erasedAt
            kafka.produce(Topics.ERASURES, "erin", ErasureJson.write(new Erasure("erin", ERASED_AT)));
            await(job, "erin's tombstone", r -> r.key().equals("erin") && r.value() == null);

            // A checkpoint triggered after the erasure was applied: its number is at least two past the
            // newest now, as one may be in flight already.
            long newest =
                    checkpoints.latest().map(RetainedCheckpoint::checkpointId).orElse(0L);
            afterErasure = awaitCheckpoint(job, checkpoints, newest + 2);
        } finally {
            cancel(job);
        }

        job = start(options("after").withRestoreFrom(afterErasure.location()));
        try {
            // All of one item, so they reach the profile in this order: a replay of erin's first
            // event (an id the de-duplication, remembering ids for a second, has forgotten by now), an
            // event from before the erasure that arrives late, and one after it.
            produce(firstOfErin);
            produce(InteractionEvent.of("e4", "erin", "shoe", EventType.ADD_TO_CART, T0 + 2_500));
            produce(InteractionEvent.of("e5", "erin", "shoe", EventType.CLICK, T0 + 4_000));
            produce(InteractionEvent.of("f3", "frank", "bag", EventType.VIEW, T0 + 5_000));

            UserVectors erin = UserVectorsJson.parse(await(
                            job,
                            "erin's new profile",
                            r -> r.key().equals("erin")
                                    && r.value() != null
                                    && UserVectorsJson.parse(r.value()).erasedUpTo() != 0)
                    .value());
            assertEquals(1, erin.version(), "the replay and the late event were dropped");
            assertEquals(ERASED_AT, erin.erasedUpTo());
            assertEquals(Map.of("click", 1L), erin.counts());
            assertEquals(List.of(new RecentInteraction("shoe", EventType.CLICK, T0 + 4_000, null)), erin.recent());
            assertArrayEquals(shoe.content(), erin.content(), 1e-6f);
            await(job, "frank at version 3, kept through the restore", r -> isVersion(r, "frank", 3));
        } finally {
            cancel(job);
        }

        List<ConsumerRecord<String, String>> all = kafka.consume(Topics.USER_VECTORS, 0, TIMEOUT);
        List<String> erinAfterTombstone = new ArrayList<>();
        boolean tombstoneSeen = false;
        for (ConsumerRecord<String, String> record : all) {
            if (!record.key().equals("erin")) {
                continue;
            }
            if (record.value() == null) {
                tombstoneSeen = true;
            } else if (tombstoneSeen) {
                UserVectors user = UserVectorsJson.parse(record.value());
                erinAfterTombstone.add("v" + user.version() + " erasedUpTo " + user.erasedUpTo());
            }
        }
        assertEquals(List.of("v1 erasedUpTo " + ERASED_AT), erinAfterTombstone, "nothing of erin's old data");
        // The malformed erasure came before the valid one in erin's partition, so it was read by the
        // time the tombstone appeared: logged and counted, and not a dead letter of interactions.
        assertEquals(List.of(), kafka.consume(Topics.INTERACTIONS_DLQ, 0, TIMEOUT));
    }

    private static boolean isVersion(ConsumerRecord<String, String> record, String userId, long version) {
        return record.key().equals(userId)
                && record.value() != null
                && UserVectorsJson.parse(record.value()).version() == version;
    }

    /** The first record of {@code user-vectors} that is {@code wanted}; fails if the job stops first. */
    private static ConsumerRecord<String, String> await(
            JobClient job, String what, Predicate<ConsumerRecord<String, String>> wanted) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertRunning(job);
            Optional<ConsumerRecord<String, String>> found = kafka.consume(Topics.USER_VECTORS, 0, TIMEOUT).stream()
                    .filter(wanted)
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new AssertionError("no record on user-vectors for " + what + " within " + TIMEOUT);
    }

    private static RetainedCheckpoint awaitCheckpoint(JobClient job, RetainedCheckpoints checkpoints, long atLeast)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertRunning(job);
            Optional<RetainedCheckpoint> latest = checkpoints.latest();
            if (latest.isPresent() && latest.get().checkpointId() >= atLeast) {
                return latest.get();
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new AssertionError("no checkpoint " + atLeast + " within " + TIMEOUT);
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
