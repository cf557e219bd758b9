package dev.recsys.ingest.functions;

import static dev.recsys.ingest.Fixtures.event;
import static dev.recsys.ingest.Fixtures.item;
import static dev.recsys.ingest.Fixtures.unitVector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ingest.records.EnrichedInteraction;
import dev.recsys.ingest.records.ProfileInput;
import dev.recsys.ingest.records.UserVectorsUpdate;
import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.cf.ImplicitFoldIn;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.ItemVectors;
import dev.recsys.ranker.records.UserVectors;
import dev.recsys.ranker.vector.VectorMath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpdateProfileTest {
    private static final long NOW = 5_000_000L;

    private final Random random = new Random(11);
    private UpdateProfile function;
    private KeyedBroadcastOperatorTestHarness<String, ProfileInput, CfModel, UserVectorsUpdate> harness;

    @BeforeEach
    void open() throws Exception {
        function = new UpdateProfile(Duration.ofDays(1), Duration.ofDays(90));
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                function, ProfileInput::userId, Types.STRING, UpdateProfile.CF_MODEL);
        harness.setProcessingTime(NOW);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private UserVectors apply(String eventId, String userId, ItemVectors item, EventType type, long ts)
            throws Exception {
        harness.processElement(
                ProfileInput.of(new EnrichedInteraction(event(eventId, userId, item.itemId(), type, ts), item)), ts);
        List<UserVectorsUpdate> out = harness.extractOutputValues();
        return out.get(out.size() - 1).vectors();
    }

    private List<UserVectors> vectors() {
        return harness.extractOutputValues().stream()
                .map(UserVectorsUpdate::vectors)
                .toList();
    }

    @Test
    void firstInteractionPointsTheProfileAtTheItem() throws Exception {
        ItemVectors shoe = item("shoe", unitVector(random));

        UserVectors user = apply("e1", "u1", shoe, EventType.VIEW, 1000);

        assertEquals("u1", user.userId());
        assertEquals(1, user.version());
        assertEquals(NOW, user.updatedAt());
        assertEquals(1000, user.eventTs());
        assertArrayEquals(shoe.content(), user.content(), 1e-6f);
        assertEquals(Map.of("view", 1L), user.counts());
        assertEquals("shoe", user.recent().get(0).itemId());
    }

    @Test
    void versionsIncreaseByOnePerInteraction() throws Exception {
        ItemVectors shoe = item("shoe", unitVector(random));
        for (int i = 1; i <= 5; i++) {
            apply("e" + i, "u1", shoe, EventType.CLICK, 1000L * i);
        }

        List<Long> versions = vectors().stream().map(UserVectors::version).toList();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), versions);
    }

    @Test
    void purchasesMoveTheProfileTowardTheItemBought() throws Exception {
        ItemVectors shoe = item("shoe", unitVector(random));
        ItemVectors hat = item("hat", unitVector(random));
        UserVectors before = apply("e1", "u1", shoe, EventType.VIEW, 1000);

        UserVectors after = apply("e2", "u1", hat, EventType.PURCHASE, 2000);

        double towardHatBefore = VectorMath.cosine(before.content(), hat.content());
        double towardHatAfter = VectorMath.cosine(after.content(), hat.content());
        assertTrue(towardHatAfter > towardHatBefore, towardHatBefore + " -> " + towardHatAfter);
    }

    @Test
    void dislikeMovesTheProfileAwayFromTheItem() throws Exception {
        ItemVectors shoe = item("shoe", unitVector(random));
        ItemVectors hat = item("hat", unitVector(random));
        apply("e1", "u1", shoe, EventType.PURCHASE, 1000);
        UserVectors before = apply("e2", "u1", hat, EventType.VIEW, 2000);

        UserVectors after = apply("e3", "u1", hat, EventType.DISLIKE, 3000);

        double towardHatBefore = VectorMath.cosine(before.content(), hat.content());
        double towardHatAfter = VectorMath.cosine(after.content(), hat.content());
        assertTrue(towardHatAfter < towardHatBefore, towardHatBefore + " -> " + towardHatAfter);
    }

    @Test
    void shoppersAreKeptApart() throws Exception {
        ItemVectors shoe = item("shoe", unitVector(random));
        ItemVectors hat = item("hat", unitVector(random));

        apply("e1", "u1", shoe, EventType.VIEW, 1000);
        UserVectors other = apply("e2", "u2", hat, EventType.VIEW, 1000);
        UserVectors again = apply("e3", "u1", shoe, EventType.VIEW, 2000);

        assertEquals(1, other.version());
        assertArrayEquals(hat.content(), other.content(), 1e-6f);
        assertEquals(2, again.version());
        assertEquals(
                4,
                ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries(),
                "a profile and a version floor per shopper");
    }

    @Test
    void withABroadcastModelTheShoppersCfFactorIsFoldedIn() throws Exception {
        float[] shoeFactor = {0.4f, -0.2f, 0.1f};
        float[] hatFactor = {-0.1f, 0.3f, 0.5f};
        CfModel model = new CfModel(2, 3, 0.1, 10, ImplicitFoldIn.gram(new float[][] {shoeFactor, hatFactor}, 3));
        ItemVectors shoe = new ItemVectors("shoe", 2, unitVector(random), shoeFactor);
        ItemVectors hat = new ItemVectors("hat", 2, unitVector(random), hatFactor);

        UserVectors before = apply("e1", "u1", shoe, EventType.VIEW, 1000);
        assertEquals(null, before.cf(), "no model yet");

        harness.processBroadcastElement(model, 1000);
        apply("e2", "u1", shoe, EventType.PURCHASE, 2000);
        UserVectors after = apply("e3", "u1", hat, EventType.CLICK, 3000);

        // The history starts with the model: the shoe's weight is the purchase only (6), the hat's 2.
        float[] expected = model.foldIn().solver().solve(new float[][] {shoeFactor, hatFactor}, new double[] {6, 2});
        assertArrayEquals(expected, after.cf(), 1e-6f);
    }

    @Test
    void anOlderModelGenerationDoesNotReplaceANewerOne() throws Exception {
        float[] factor = {1, 0};
        CfModel newer = new CfModel(5, 2, 0.1, 10, ImplicitFoldIn.gram(new float[][] {factor}, 2));
        CfModel older = new CfModel(4, 2, 0.1, 10, ImplicitFoldIn.gram(new float[][] {factor}, 2));
        harness.processBroadcastElement(newer, 1);
        harness.processBroadcastElement(older, 2);

        UserVectors user =
                apply("e1", "u1", new ItemVectors("shoe", 5, unitVector(random), factor), EventType.VIEW, 1000);

        assertEquals(2, user.cf().length, "folded in with generation 5, whose factors the item carries");
    }

    @Test
    void profileOfAnInactiveShopperExpiresAfterTheTtlButItsVersionsKeepIncreasing() throws Exception {
        ItemVectors shoe = item("shoe", unitVector(random));
        harness.setStateTtlProcessingTime(NOW);
        apply("e1", "u1", shoe, EventType.VIEW, 1000);
        assertEquals(2, apply("e2", "u1", shoe, EventType.VIEW, 2000).version());

        harness.setStateTtlProcessingTime(NOW + Duration.ofDays(90).toMillis() + 1);
        UserVectors afterExpiry = apply("e3", "u1", shoe, EventType.VIEW, 3000);

        assertEquals(3, afterExpiry.version(), "a reader keeping the highest version must not ignore it");
        assertEquals(Map.of("view", 1L), afterExpiry.counts(), "the profile itself started afresh");
    }

    @Test
    void activeShopperIsKeptPastTheTtlOfTheFirstInteraction() throws Exception {
        ItemVectors shoe = item("shoe", unitVector(random));
        long day = Duration.ofDays(1).toMillis();
        harness.setStateTtlProcessingTime(NOW);
        apply("e1", "u1", shoe, EventType.VIEW, 1000);
        harness.setStateTtlProcessingTime(NOW + 60 * day);
        apply("e2", "u1", shoe, EventType.VIEW, 2000);

        harness.setStateTtlProcessingTime(NOW + 120 * day);

        assertEquals(3, apply("e3", "u1", shoe, EventType.VIEW, 3000).version());
    }

    @Test
    void freshnessHistogramRecordsProcessingTimeMinusEventTime() throws Exception {
        ItemVectors shoe = item("shoe", unitVector(random));
        apply("e1", "u1", shoe, EventType.VIEW, NOW - 40);
        apply("e2", "u1", shoe, EventType.VIEW, NOW - 10);

        var statistics = function.freshness().getStatistics();

        assertEquals(2, function.freshness().getCount());
        assertEquals(40, statistics.getMax());
        assertEquals(10, statistics.getMin());
    }
}
