package dev.recsys.ingest.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recsys.ingest.functions.UpdateProfile;
import dev.recsys.ranker.profile.CfHistory;
import dev.recsys.ranker.profile.UserProfile;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class UserProfileSerializerTest {
    private static final Random RANDOM = new Random(5);

    private final TypeSerializer<UserProfile> serializer =
            UpdateProfile.PROFILE_TYPE.createSerializer(new SerializerConfigImpl());

    private static float[] floats(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) RANDOM.nextGaussian();
        }
        return values;
    }

    /** A profile with every field set, a NaN among the values and non-ASCII ids. */
    private final UserProfile full = new UserProfile(
            "ü-1",
            3,
            2000,
            5000,
            floats(256),
            floats(8),
            new String[] {"shoe", "hat-é"},
            new byte[] {0, 3},
            new long[] {2000, 1000},
            new float[] {Float.NaN, 4.5f},
            new long[] {1, 0, 0, 1, 0, 0},
            new CfHistory(4, new String[] {"hat-é"}, new float[] {6}, floats(8), new float[] {0.3125f}));

    private static UserProfile bare() {
        return new UserProfile(
                "u-2",
                1,
                10,
                20,
                new float[] {1, 0},
                null,
                new String[0],
                new byte[0],
                new long[0],
                null,
                new long[] {1, 0, 0, 0, 0, 0},
                new CfHistory(7, new String[0], new float[0], new float[0], null));
    }

    private static void assertSameProfile(UserProfile expected, UserProfile actual) {
        assertEquals(expected.userId(), actual.userId());
        assertEquals(expected.version(), actual.version());
        assertEquals(expected.lastEventTs(), actual.lastEventTs());
        assertEquals(expected.updatedAt(), actual.updatedAt());
        assertArrayEquals(expected.contentSum(), actual.contentSum());
        assertArrayEquals(expected.cf(), actual.cf());
        assertArrayEquals(expected.recentItems(), actual.recentItems());
        assertArrayEquals(expected.recentTypes(), actual.recentTypes());
        assertArrayEquals(expected.recentTs(), actual.recentTs());
        assertArrayEquals(expected.recentValues(), actual.recentValues());
        assertArrayEquals(expected.counts(), actual.counts());
        if (expected.cfHistory() == null) {
            assertNull(actual.cfHistory());
            return;
        }
        assertEquals(expected.cfHistory().generation(), actual.cfHistory().generation());
        assertArrayEquals(expected.cfHistory().items(), actual.cfHistory().items());
        assertArrayEquals(expected.cfHistory().weights(), actual.cfHistory().weights());
        assertArrayEquals(expected.cfHistory().factors(), actual.cfHistory().factors());
        assertArrayEquals(expected.cfHistory().gram(), actual.cfHistory().gram());
    }

    private UserProfile roundTrip(UserProfile profile) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(profile, out);
        serializer.serialize(profile, out); // two in a row: each reads exactly its own bytes
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        serializer.deserialize(in);
        UserProfile copy = serializer.deserialize(in);
        assertEquals(0, in.available());
        return copy;
    }

    @Test
    void everyFieldSurvivesTheRoundTripNullsAndNaNIncluded() throws Exception {
        assertSameProfile(full, roundTrip(full));
        assertSameProfile(bare(), roundTrip(bare()));
        UserProfile withoutHistory = bare().withVersion(9);
        assertSameProfile(withoutHistory, roundTrip(withoutHistory));
    }

    @Test
    void copiesAreDeepAndSerialisedFormsCopyVerbatim() throws Exception {
        UserProfile original = full;
        UserProfile copy = serializer.copy(original);
        assertSameProfile(original, copy);
        assertNotSame(original.contentSum(), copy.contentSum());
        assertNotSame(original.cfHistory().factors(), copy.cfHistory().factors());
        copy.contentSum()[0] += 1;
        assertEquals(original.contentSum()[0] + 1, copy.contentSum()[0]);

        DataOutputSerializer first = new DataOutputSerializer(64);
        serializer.serialize(original, first);
        DataOutputSerializer second = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(first.getCopyOfBuffer()), second);
        assertArrayEquals(first.getCopyOfBuffer(), second.getCopyOfBuffer());
    }

    @Test
    void aDamagedBlockIsAnErrorNotAProfile() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(full, out);
        byte[] truncated = Arrays.copyOf(out.getCopyOfBuffer(), out.length() - 10);
        assertThrows(IOException.class, () -> serializer.deserialize(new DataInputDeserializer(truncated)));
        byte[] badLength = out.getCopyOfBuffer();
        Arrays.fill(badLength, 5, 9, (byte) 0x7f); // the id's length, after the block length and format
        assertThrows(IOException.class, () -> serializer.deserialize(new DataInputDeserializer(badLength)));
    }

    /** Stores the incoming profile under its shopper, and emits the profile it held before. */
    private static final class KeepProfile extends KeyedProcessFunction<String, UserProfile, UserProfile> {
        private final TypeInformation<UserProfile> type;
        private transient ValueState<UserProfile> held;

        KeepProfile(TypeInformation<UserProfile> type) {
            this.type = type;
        }

        @Override
        public void open(OpenContext context) {
            ValueStateDescriptor<UserProfile> descriptor = new ValueStateDescriptor<>("profile", type);
            // As UpdateProfile declares it, so the TTL wrapper around the serialiser is the same.
            descriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(90))
                    .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                    .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                    .cleanupIncrementally(1, false)
                    .build());
            held = getRuntimeContext().getState(descriptor);
        }

        @Override
        public void processElement(UserProfile profile, Context ctx, Collector<UserProfile> out) throws Exception {
            UserProfile before = held.value();
            if (before != null) {
                out.collect(before);
            }
            held.update(profile);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, UserProfile, UserProfile> harness(
            TypeInformation<UserProfile> type, OperatorSubtaskState restoreFrom) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new KeepProfile(type)), UserProfile::userId, Types.STRING);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }

    @Test
    void profilesCheckpointedByTheEarlierPojoSerialiserAreRestoredAndWrittenAnew() throws Exception {
        OperatorSubtaskState pojoCheckpoint;
        try (var before = harness(TypeInformation.of(UserProfile.class), null)) {
            before.processElement(full, 1);
            before.processElement(bare(), 2);
            pojoCheckpoint = before.snapshot(1, 3);
        }
        OperatorSubtaskState blockCheckpoint;
        try (var after = harness(UpdateProfile.PROFILE_TYPE, pojoCheckpoint)) {
            after.processElement(full.withVersion(4), 4);
            List<UserProfile> restored = after.extractOutputValues();
            assertEquals(1, restored.size());
            assertSameProfile(full, restored.get(0));
            blockCheckpoint = after.snapshot(2, 5);
        }
        try (var again = harness(UpdateProfile.PROFILE_TYPE, blockCheckpoint)) {
            again.processElement(bare().withVersion(2), 6);
            again.processElement(full, 7);
            List<UserProfile> restored = again.extractOutputValues();
            assertSameProfile(bare(), restored.get(0));
            assertSameProfile(full.withVersion(4), restored.get(1));
        }
    }
}
