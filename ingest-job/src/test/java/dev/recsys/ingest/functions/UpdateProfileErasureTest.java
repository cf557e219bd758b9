package dev.recsys.ingest.functions;

import static dev.recsys.ingest.Fixtures.event;
import static dev.recsys.ingest.Fixtures.item;
import static dev.recsys.ingest.Fixtures.unitVector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.ingest.records.EnrichedInteraction;
import dev.recsys.ingest.records.ProfileInput;
import dev.recsys.ingest.records.UserVectorsUpdate;
import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.records.Erasure;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.ItemVectors;
import dev.recsys.ranker.records.UserVectors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Erasures at the profile operator, in Flink's keyed broadcast harness. */
class UpdateProfileErasureTest {
    private static final long NOW = 5_000_000L;

    private final Random random = new Random(29);
    private final ItemVectors shoe = item("shoe", unitVector(random));
    private final ItemVectors hat = item("hat", unitVector(random));
    private UpdateProfile function;
    private KeyedBroadcastOperatorTestHarness<String, ProfileInput, CfModel, UserVectorsUpdate> harness;
    private int nextEvent;

    @BeforeEach
    void open() throws Exception {
        harness = harness(null);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** A harness on a fresh function, restored from {@code checkpoint} when there is one. */
    private KeyedBroadcastOperatorTestHarness<String, ProfileInput, CfModel, UserVectorsUpdate> harness(
            OperatorSubtaskState checkpoint) throws Exception {
        function = new UpdateProfile(Duration.ofDays(1), Duration.ofDays(90));
        var opened = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(function, List.of(UpdateProfile.CF_MODEL)),
                ProfileInput::userId,
                Types.STRING,
                1,
                1,
                0);
        opened.setup();
        if (checkpoint != null) {
            opened.initializeState(checkpoint);
        }
        opened.open();
        opened.setProcessingTime(NOW);
        return opened;
    }

    private List<UserVectorsUpdate> interact(String userId, ItemVectors item, long ts) throws Exception {
        int before = harness.extractOutputValues().size();
        EnrichedInteraction interaction =
                new EnrichedInteraction(event("e" + ++nextEvent, userId, item.itemId(), EventType.CLICK, ts), item);
        harness.processElement(ProfileInput.of(interaction), ts);
        List<UserVectorsUpdate> out = harness.extractOutputValues();
        return out.subList(before, out.size());
    }

    private UserVectors applied(String userId, ItemVectors item, long ts) throws Exception {
        List<UserVectorsUpdate> out = interact(userId, item, ts);
        assertEquals(1, out.size(), "one update for the event at " + ts);
        return out.get(0).vectors();
    }

    private List<UserVectorsUpdate> erase(String userId, long erasedAt) throws Exception {
        int before = harness.extractOutputValues().size();
        harness.processElement(ProfileInput.of(new Erasure(userId, erasedAt)), erasedAt);
        List<UserVectorsUpdate> out = harness.extractOutputValues();
        return out.subList(before, out.size());
    }

    /** The shoppers that have an entry in the named keyed state. */
    private Set<String> keysOf(String state) {
        KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
        Set<String> keys = new TreeSet<>();
        backend.getKeys(state, VoidNamespace.INSTANCE).forEach(keys::add);
        return keys;
    }

    @Test
    void anErasureClearsTheProfileAndTheVersionFloorAndEmitsATombstone() throws Exception {
        applied("u1", shoe, 1000);
        applied("u1", hat, 2000);
        applied("u2", hat, 2000);

        List<UserVectorsUpdate> out = erase("u1", 2500);

        assertEquals(List.of(UserVectorsUpdate.tombstone("u1")), out);
        assertEquals(Set.of("u2"), keysOf("profile"));
        assertEquals(Set.of("u2"), keysOf("last-version"));
        assertEquals(Set.of("u1"), keysOf("erased-up-to"));
    }

    @Test
    void eventsAfterTheErasureStartANewProfileAtVersionOneMarkedWithTheErasure() throws Exception {
        applied("u1", shoe, 1000);
        applied("u1", shoe, 2000);
        erase("u1", 2500);

        UserVectors fresh = applied("u1", hat, 3000);

        assertEquals(1, fresh.version());
        assertEquals(2500, fresh.erasedUpTo());
        assertEquals(Map.of("click", 1L), fresh.counts());
        assertArrayEquals(hat.content(), fresh.content(), 1e-6f, "nothing of the shoe left");
        assertEquals(
                List.of("hat"), fresh.recent().stream().map(r -> r.itemId()).toList());
        assertEquals(2, applied("u1", shoe, 4000).version());
    }

    @Test
    void eventsAtOrBeforeTheErasureArrivingLaterAreDroppedAndCounted() throws Exception {
        applied("u1", shoe, 1000);
        erase("u1", 2500);

        assertEquals(List.of(), interact("u1", shoe, 1000), "a replay");
        assertEquals(List.of(), interact("u1", hat, 2500), "at the erasure time itself");
        assertEquals(2, function.eventsErased().getCount());
        assertEquals(Set.of(), keysOf("profile"));
        assertEquals(1, applied("u1", hat, 2501).version());
    }

    @Test
    void anEventThatArrivedBeforeTheErasureIsErasedWithItEvenIfLater() throws Exception {
        applied("u1", shoe, 1000);
        applied("u1", hat, 9000); // after the erasure time, but here before the erasure record

        erase("u1", 2500);

        assertEquals(Set.of(), keysOf("profile"), "the erasure wins");
        assertEquals(1, applied("u1", hat, 9500).version());
    }

    @Test
    void aLaterErasureMovesTheErasureTimeForward() throws Exception {
        erase("u1", 2500);
        applied("u1", shoe, 3000);

        assertEquals(List.of(UserVectorsUpdate.tombstone("u1")), erase("u1", 3500));

        assertEquals(List.of(), interact("u1", shoe, 3200));
        UserVectors fresh = applied("u1", hat, 4000);
        assertEquals(1, fresh.version());
        assertEquals(3500, fresh.erasedUpTo());
    }

    @Test
    void anOlderOrRepeatedErasureChangesNothing() throws Exception {
        erase("u1", 3500);
        applied("u1", shoe, 4000);

        assertEquals(List.of(), erase("u1", 2500), "an older erasure (a replay)");
        assertEquals(List.of(), erase("u1", 3500), "the same erasure again");

        assertEquals(List.of(), interact("u1", shoe, 3000), "still covered by the later erasure");
        UserVectors next = applied("u1", hat, 5000);
        assertEquals(2, next.version(), "the profile after the erasure is intact");
        assertEquals(3500, next.erasedUpTo());
    }

    @Test
    void anErasureOfAShopperNeverSeenStillEmitsATombstone() throws Exception {
        assertEquals(List.of(UserVectorsUpdate.tombstone("u9")), erase("u9", 2500));
    }

    @Test
    void aCheckpointAfterTheErasureHoldsOnlyTheErasureTime() throws Exception {
        applied("u1", shoe, 1000);
        applied("u1", shoe, 2000);
        applied("u2", hat, 2000);
        erase("u1", 2500);
        OperatorSubtaskState checkpoint = harness.snapshot(1, NOW);
        harness.close();

        harness = harness(checkpoint);

        assertEquals(Set.of("u2"), keysOf("profile"));
        assertEquals(Set.of("u2"), keysOf("last-version"));
        assertEquals(Set.of("u1"), keysOf("erased-up-to"));
        assertEquals(List.of(), interact("u1", shoe, 2000), "a replay after the restore");
        UserVectors fresh = applied("u1", hat, 3000);
        assertEquals(1, fresh.version());
        assertEquals(2500, fresh.erasedUpTo());
        assertEquals(2, applied("u2", hat, 3000).version(), "other shoppers keep theirs");
    }
}
