package dev.recsys.ingest;

import static dev.recsys.ingest.Fixtures.item;
import static dev.recsys.ingest.Fixtures.unitVector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.json.ItemVectorsJson;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;
import dev.recsys.ranker.records.Topics;
import dev.recsys.ranker.records.UserVectors;
import dev.recsys.ranker.vector.VectorMath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job as it runs for real: Kafka sources and sinks against a real broker, on an embedded
 * MiniCluster at parallelism 2. One job serves all tests; each test uses its own shoppers.
 */
class IngestJobKafkaIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long UNKNOWN_ITEM_WAIT_MS = 3_000;
    private static final Random RANDOM = new Random(20250101);
    private static final ItemVectors SHOE = item("shoe", unitVector(RANDOM));
    private static final ItemVectors HAT = item("hat", unitVector(RANDOM));

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path checkpoints;

    private static JobClient job;
    private static long nextEventId;

    @BeforeAll
    static void startJob() throws Exception {
        kafka.produce(Topics.ITEM_VECTORS, SHOE.itemId(), ItemVectorsJson.write(SHOE));
        kafka.produce(Topics.ITEM_VECTORS, HAT.itemId(), ItemVectorsJson.write(HAT));
        kafka.produce(Topics.ITEM_VECTORS, "broken", "{\"itemId\":\"broken\",\"content\":\"no\"}");
        IngestJobOptions options = IngestJobOptions.parse(
                "--bootstrap-servers", kafka.bootstrapServers(),
                "--group-id", "ingest-job-test",
                "--parallelism", "2",
                "--checkpoint-interval-ms", "2000",
                "--starting-offsets", "earliest",
                "--unknown-item-wait-ms", Long.toString(UNKNOWN_ITEM_WAIT_MS),
                "--checkpoint-dir", checkpoints.toString());
        StreamExecutionEnvironment env = Environments.embedded(options.parallelism());
        IngestJob.onKafka(options).build(env);
        job = env.executeAsync(IngestJob.NAME);
    }

    @AfterAll
    static void cancelJob() throws Exception {
        if (job != null) {
            job.cancel().get();
            try {
                // Wait until the job has let go of the broker, before the extension stops it.
                job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException expected) {
                // A cancelled job ends with a "job was cancelled" failure.
            }
        }
    }

    private static void produce(String userId, String itemId, EventType type) {
        InteractionEvent event = InteractionEvent.of(
                "ev-" + ++nextEventId, userId, itemId, type, System.currentTimeMillis() - 60_000 + nextEventId);
        kafka.produce(Topics.INTERACTIONS, userId, InteractionEventJson.write(event));
    }

    /**
     * Reads {@code topic} until {@code count} records satisfy {@code wanted}; fails early if the
     * job stops.
     */
    private static <T> List<T> await(String topic, Function<String, T> parse, Predicate<T> wanted, int count)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<T> found = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            JobStatus status = job.getJobStatus().get();
            if (status.isGloballyTerminalState()) {
                throw new AssertionError("the job stopped: " + status);
            }
            found.clear();
            for (ConsumerRecord<String, String> record : kafka.consume(topic, 0, TIMEOUT)) {
                T value = parse.apply(record.value());
                if (wanted.test(value)) {
                    found.add(value);
                }
            }
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "expected " + count + " records on " + topic + ", found " + found.size() + ": " + found);
    }

    private static List<UserVectors> userVectors(String userId, int count) throws Exception {
        return await(
                Topics.USER_VECTORS,
                UserVectorsJson::parse,
                user -> user.userId().equals(userId),
                count);
    }

    private static List<DeadLetterView> deadLetters(Predicate<DeadLetterView> wanted, int count) throws Exception {
        return await(Topics.INTERACTIONS_DLQ, DeadLetterView::parse, wanted, count);
    }

    /** What a reader of {@code interactions-dlq} sees. */
    record DeadLetterView(String raw, String field, String reason) {
        static DeadLetterView parse(String json) {
            var node = Json.parseObject(json);
            return new DeadLetterView(
                    node.path("raw").asText(),
                    node.hasNonNull("field") ? node.get("field").asText() : null,
                    node.path("reason").asText());
        }
    }

    @Test
    void shopperVectorMovesTowardTheItemsTheyInteractWithAsVersionsIncrease() throws Exception {
        produce("alice", "hat", EventType.VIEW);
        produce("alice", "shoe", EventType.VIEW);
        produce("alice", "shoe", EventType.CLICK);
        produce("alice", "shoe", EventType.ADD_TO_CART);
        produce("alice", "shoe", EventType.PURCHASE);

        List<UserVectors> updates = userVectors("alice", 5);

        assertEquals(
                List.of(1L, 2L, 3L, 4L, 5L),
                updates.stream().map(UserVectors::version).toList());
        // The join is keyed by item, so hat and shoe events may reach the shopper in either order;
        // the profile rule is order-independent, so only the final vector is pinned down.
        UserVectors last = updates.get(4);
        double towardShoe = VectorMath.cosine(last.content(), SHOE.content());
        double towardHat = VectorMath.cosine(last.content(), HAT.content());
        assertTrue(towardShoe > towardHat, "shoe " + towardShoe + " vs hat " + towardHat);
        assertTrue(towardShoe > 0.95, "after a purchase the profile points at the shoe: " + towardShoe);
        assertEquals("shoe", updates.get(4).recent().get(0).itemId());
    }

    @Test
    void malformedInteractionsAreDeadLetteredWhileGoodOnesStillUpdateTheShopper() throws Exception {
        produce("bob", "shoe", EventType.VIEW);
        kafka.produce(Topics.INTERACTIONS, "bob", "{not json at all");
        produce("bob", "hat", EventType.CLICK);
        kafka.produce(
                Topics.INTERACTIONS,
                "bob",
                "{\"eventId\":\"bad-type\",\"userId\":\"bob\",\"itemId\":\"hat\",\"type\":\"teleport\",\"ts\":1}");
        kafka.produce(
                Topics.INTERACTIONS, null, "{\"eventId\":\"no-user\",\"itemId\":\"hat\",\"type\":\"view\",\"ts\":1}");
        produce("bob", "hat", EventType.PURCHASE);

        List<DeadLetterView> letters = deadLetters(
                letter -> letter.raw().contains("not json")
                        || letter.raw().contains("bad-type")
                        || letter.raw().contains("no-user"),
                3);

        assertEquals(3, letters.size(), letters.toString());
        for (DeadLetterView letter : letters) {
            if (letter.raw().contains("not json")) {
                assertEquals(null, letter.field());
                assertTrue(letter.reason().startsWith("malformed JSON"), letter.reason());
            } else if (letter.raw().contains("bad-type")) {
                assertEquals("type", letter.field());
                assertTrue(letter.reason().contains("unknown event type 'teleport'"), letter.reason());
            } else {
                assertEquals("userId", letter.field());
                assertEquals("is required", letter.reason());
            }
        }
        List<UserVectors> updates = userVectors("bob", 3);
        assertEquals(
                List.of(1L, 2L, 3L), updates.stream().map(UserVectors::version).toList());
    }

    @Test
    void interactionWaitsForItemVectorsThatArriveLate() throws Exception {
        produce("carol", "new-lamp", EventType.VIEW);
        Thread.sleep(500);
        kafka.produce(Topics.ITEM_VECTORS, "new-lamp", ItemVectorsJson.write(item("new-lamp", unitVector(RANDOM))));

        List<UserVectors> updates = userVectors("carol", 1);

        assertEquals("new-lamp", updates.get(0).recent().get(0).itemId());
    }

    @Test
    void interactionForAnItemThatNeverGetsVectorsIsDeadLetteredAfterTheWait() throws Exception {
        produce("dave", "ghost-item", EventType.CLICK);

        List<DeadLetterView> letters = deadLetters(letter -> letter.raw().contains("ghost-item"), 1);

        assertEquals("itemId", letters.get(0).field());
        assertTrue(
                letters.get(0).reason().startsWith("unknown item ghost-item"),
                letters.get(0).reason());
    }
}
