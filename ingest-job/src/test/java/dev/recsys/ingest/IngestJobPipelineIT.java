package dev.recsys.ingest;

import static dev.recsys.ingest.Fixtures.NOW;
import static dev.recsys.ingest.Fixtures.bytes;
import static dev.recsys.ingest.Fixtures.event;
import static dev.recsys.ingest.Fixtures.item;
import static dev.recsys.ingest.Fixtures.json;
import static dev.recsys.ingest.Fixtures.unitVector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ingest.records.DeadLetter;
import dev.recsys.ingest.records.UserVectorsUpdate;
import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.json.CfModelJson;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.ItemStats;
import dev.recsys.ranker.records.ItemVectors;
import dev.recsys.ranker.records.UserVectors;
import dev.recsys.ranker.vector.VectorMath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on an embedded MiniCluster at parallelism 2, with in-memory sources. */
class IngestJobPipelineIT {
    @TempDir
    static Path checkpoints;

    private static IngestJobOptions options() {
        return IngestJobOptions.parse("--parallelism", "2", "--checkpoint-dir", checkpoints.toString());
    }

    private static Source<byte[], ?, ?> source(List<byte[]> values) {
        return new DataGeneratorSource<>(
                new FromElementsGeneratorFunction<>(
                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO, values.toArray(byte[][]::new)),
                values.size(),
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    }

    /**
     * A cf-model input with a model none of the test items has factors for (their cf is absent);
     * twice, because the generator source needs an element for each of its two readers.
     */
    private static Source<byte[], ?, ?> noCfModel() {
        byte[] model =
                CfModelJson.write(new CfModel(1, 1, 0.1, 1, new double[] {1})).getBytes(StandardCharsets.UTF_8);
        return source(List.of(model, model));
    }

    /** An erasures input with nothing to erase: two tombstones, one for each reader of the generator source. */
    private static Source<byte[], ?, ?> noErasures() {
        return source(List.of(new byte[0], new byte[0]));
    }

    /** The vectors a sink received (these tests erase no one, so there are no tombstones). */
    private static List<UserVectors> vectors(CollectingSink<UserVectorsUpdate> sink) {
        return sink.received().stream().map(UserVectorsUpdate::vectors).toList();
    }

    @Test
    void goodInteractionsBecomeUserVectorsAndBadOnesDeadLetters() throws Exception {
        Random random = new Random(2024);
        ItemVectors shoe = item("shoe", unitVector(random));
        ItemVectors hat = item("hat", unitVector(random));
        List<byte[]> interactions = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            interactions.add(json(event("a" + i, "alice", "shoe", EventType.VIEW, NOW - 10_000 + i)));
        }
        interactions.add(json(event("b1", "bob", "hat", EventType.PURCHASE, NOW - 5_000)));
        interactions.add(bytes("not json"));
        interactions.add(
                bytes("{\"eventId\":\"x\",\"userId\":\"carol\",\"itemId\":\"hat\",\"type\":\"wish\",\"ts\":1}"));
        interactions.add(bytes("{\"eventId\":\"y\",\"itemId\":\"hat\",\"type\":\"view\",\"ts\":1}"));
        interactions.add(new byte[] {(byte) 0xC3, (byte) 0x28});
        List<byte[]> items = List.of(json(shoe), bytes("{\"itemId\":\"broken\"}"), new byte[0], json(hat));
        CollectingSink<UserVectorsUpdate> users = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();

        StreamExecutionEnvironment env = Environments.embedded(2);
        new IngestJob(
                        source(interactions),
                        source(items),
                        noCfModel(),
                        noErasures(),
                        users,
                        deadLetters,
                        new CollectingSink<>(),
                        options())
                .build(env);
        env.execute(IngestJob.NAME);

        Map<String, List<UserVectors>> byUser =
                vectors(users).stream().collect(Collectors.groupingBy(UserVectors::userId));
        assertEquals(Set.of("alice", "bob"), byUser.keySet());
        List<Long> aliceVersions =
                byUser.get("alice").stream().map(UserVectors::version).sorted().toList();
        assertEquals(List.of(1L, 2L, 3L, 4L), aliceVersions);
        UserVectors aliceLatest = byUser.get("alice").stream()
                .filter(user -> user.version() == 4)
                .findFirst()
                .orElseThrow();
        assertTrue(VectorMath.cosine(aliceLatest.content(), shoe.content()) > 0.999);
        assertEquals(Map.of("view", 4L), aliceLatest.counts());
        assertEquals(Map.of("purchase", 1L), byUser.get("bob").get(0).counts());

        Set<String> problems = new TreeSet<>();
        for (DeadLetter letter : deadLetters.received()) {
            problems.add(letter.field() + ": " + letter.reason());
        }
        assertEquals(4, deadLetters.received().size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("null: malformed JSON")), problems.toString());
        assertTrue(
                problems.stream().anyMatch(p -> p.startsWith("type: unknown event type 'wish'")), problems.toString());
        assertTrue(problems.contains("userId: is required"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("not valid UTF-8")), problems.toString());
    }

    @Test
    void replayedEventsAreAppliedOnceAndItemsAreCountedInSlidingWindows() throws Exception {
        Random random = new Random(7);
        ItemVectors shoe = item("shoe", unitVector(random));
        ItemVectors hat = item("hat", unitVector(random));
        long minute = 60_000;
        // NOW is midnight, so windows of an hour sliding every 30 minutes end at NOW + 30, 60, 90 min.
        List<byte[]> interactions = List.of(
                json(event("s1", "alice", "shoe", EventType.VIEW, NOW + minute)),
                json(event("s1", "alice", "shoe", EventType.VIEW, NOW + minute)),
                json(event("s2", "alice", "shoe", EventType.VIEW, NOW + 2 * minute)),
                json(event("h1", "bob", "hat", EventType.CLICK, NOW + 10 * minute)),
                json(event("s3", "bob", "shoe", EventType.PURCHASE, NOW + 40 * minute)),
                json(event("s2", "alice", "shoe", EventType.VIEW, NOW + 2 * minute)));
        CollectingSink<UserVectorsUpdate> users = new CollectingSink<>();
        CollectingSink<ItemStats> stats = new CollectingSink<>();
        IngestJobOptions options = IngestJobOptions.parse(
                "--parallelism", "2", "--item-stats-windows", "PT1H/PT30M", "--checkpoint-dir", checkpoints.toString());

        StreamExecutionEnvironment env = Environments.embedded(2);
        new IngestJob(
                        source(interactions),
                        source(List.of(json(shoe), json(hat))),
                        noCfModel(),
                        noErasures(),
                        users,
                        new CollectingSink<>(),
                        stats,
                        options)
                .build(env);
        env.execute(IngestJob.NAME);

        Map<String, Long> highest = new TreeMap<>();
        vectors(users).forEach(user -> highest.merge(user.userId(), user.version(), Math::max));
        assertEquals(Map.of("alice", 2L, "bob", 2L), highest);
        assertEquals(4, users.received().size());
        long end = NOW + 30 * minute;
        assertEquals(
                Set.of(
                        new ItemStats("shoe", "PT1H", end, 2, 0, 0, 0, 2),
                        new ItemStats("hat", "PT1H", end, 0, 1, 0, 0, 1),
                        new ItemStats("shoe", "PT1H", end + 30 * minute, 2, 0, 0, 1, 3),
                        new ItemStats("hat", "PT1H", end + 30 * minute, 0, 1, 0, 0, 1),
                        new ItemStats("shoe", "PT1H", end + 60 * minute, 0, 0, 0, 1, 1)),
                Set.copyOf(stats.received()));
        assertEquals(5, stats.received().size());
    }

    @Test
    void everyOperatorHasAStableUid() {
        StreamExecutionEnvironment env = Environments.embedded(2);
        new IngestJob(
                        source(List.of()),
                        source(List.of()),
                        noCfModel(),
                        noErasures(),
                        new CollectingSink<>(),
                        new CollectingSink<>(),
                        new CollectingSink<>(),
                        options())
                .build(env);

        StreamGraph graph = env.getStreamGraph();

        Set<String> uids = new TreeSet<>();
        for (StreamNode node : graph.getStreamNodes()) {
            assertNotNull(node.getTransformationUID(), "no uid on " + node.getOperatorName());
            uids.add(node.getTransformationUID());
        }
        assertTrue(
                uids.containsAll(Set.of(
                        "interactions-source",
                        "parse-interaction",
                        "interaction-watermarks",
                        "item-vectors-source",
                        "parse-item-vectors",
                        "join-item-vectors",
                        "deduplicate-events",
                        "item-stats-PT1H",
                        "item-stats-P1D",
                        "item-stats-sink",
                        "erasures-source",
                        "parse-erasures",
                        "erasure-to-profile",
                        "interaction-to-profile",
                        "update-profile",
                        "user-vectors-sink",
                        "count-dead-letters",
                        "dead-letter-sink")),
                uids.toString());
    }
}
