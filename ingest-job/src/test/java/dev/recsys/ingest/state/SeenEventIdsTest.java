package dev.recsys.ingest.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class SeenEventIdsTest {
    private final TypeSerializer<SeenEventIds> serializer =
            BlockTypeInfo.SEEN_EVENT_IDS.createSerializer(new SerializerConfigImpl());

    /** Each generation's hashes, sorted, keyed by generation. */
    private static Map<Long, List<Long>> contents(SeenEventIds ids) {
        Map<Long, List<Long>> contents = new HashMap<>();
        ids.forEachGeneration((generation, hashes) -> {
            long[] sorted = hashes.clone();
            Arrays.sort(sorted);
            contents.put(generation, Arrays.stream(sorted).boxed().toList());
        });
        return contents;
    }

    @Test
    void agreesWithAMapOfIdToGenerationOverManyRandomIds() {
        Random random = new Random(11);
        SeenEventIds ids = new SeenEventIds();
        Map<Long, Long> reference = new HashMap<>(); // hash -> generation first added
        List<Long> added = new ArrayList<>();
        for (long generation = 0; generation < 12; generation++) {
            long oldestLive = generation - 8;
            for (int i = 0; i < 3_000; i++) {
                // Some repeats of earlier ids, mostly new ones; small values collide in the low bits.
                long hash = !added.isEmpty() && random.nextInt(5) == 0
                        ? added.get(random.nextInt(added.size()))
                        : random.nextInt(4) == 0 ? random.nextInt(1 << 20) : random.nextLong();
                Long first = reference.get(hash);
                boolean live = first != null && first >= oldestLive;
                assertEquals(live, ids.contains(hash, oldestLive), "hash " + hash + " in generation " + generation);
                if (!live) {
                    ids.add(hash, generation);
                    reference.put(hash, generation);
                    added.add(hash);
                }
            }
            ids.expire(oldestLive);
            reference.values().removeIf(first -> first < oldestLive);
            assertEquals(reference.size(), ids.size());
        }
        assertEquals(9, ids.generationCount());
        assertEquals(3, ids.oldestGeneration());
        for (int i = 0; i < 10_000; i++) {
            long absent = random.nextLong();
            assertEquals(reference.containsKey(absent), ids.contains(absent, 3));
        }
    }

    @Test
    void aZeroHashIsRememberedLikeAnyOther() {
        SeenEventIds ids = new SeenEventIds();
        assertFalse(ids.contains(0, 0));
        ids.add(0, 0);
        assertTrue(ids.contains(0, 0));
        assertEquals(1, ids.size());
    }

    @Test
    void idsOfAnOlderGenerationNoLongerCountOnceItIsOutOfRange() {
        SeenEventIds ids = new SeenEventIds();
        ids.add(42, 5);
        ids.add(43, 6);
        assertTrue(ids.contains(42, 5));
        assertFalse(ids.contains(42, 6)); // not yet expired, but no longer live
        assertTrue(ids.contains(43, 6));

        assertTrue(ids.expire(6));
        assertEquals(6, ids.oldestGeneration());
        assertFalse(ids.expire(7));
        assertTrue(ids.isEmpty());
        assertThrows(IllegalStateException.class, ids::oldestGeneration);
    }

    @Test
    void aClockSetBackAddsToTheNewestGeneration() {
        SeenEventIds ids = new SeenEventIds();
        ids.add(1, 10);
        ids.add(2, 7);
        assertEquals(Map.of(10L, List.of(1L, 2L)), contents(ids));
    }

    @Test
    void aDeepCopyDoesNotChangeWithTheOriginal() {
        SeenEventIds ids = new SeenEventIds();
        for (long hash = 1; hash <= 100; hash++) {
            ids.add(hash * 0x9E3779B97F4A7C15L, hash / 30);
        }
        SeenEventIds copy = ids.deepCopy();
        Map<Long, List<Long>> before = contents(copy);

        ids.add(7, 4);
        ids.expire(3);

        assertEquals(before, contents(copy));
        assertEquals(100, copy.size());
        assertFalse(copy.contains(7, 0));
        copy.add(8, 4); // the copy still grows on its own
        assertFalse(ids.contains(8, 0));
    }

    @Test
    void serialiserWritesAndReadsEveryGeneration() throws IOException {
        SeenEventIds ids = new SeenEventIds();
        Random random = new Random(3);
        for (int i = 0; i < 1_000; i++) {
            ids.add(random.nextLong(), i / 300);
        }
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(ids, out);
        assertEquals(4 + 1 + 4 + 4 * (8 + 4) + 8 * 1_000, out.length()); // free slots are not written

        SeenEventIds read = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertEquals(contents(ids), contents(read));

        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertArrayEquals(out.getCopyOfBuffer(), copied.getCopyOfBuffer());
    }

    @Test
    void serialiserRejectsAnUnknownFormat() {
        byte[] block = {0, 0, 0, 5, 9, 0, 0, 0, 0}; // length 5, then format 9 and no generations
        IOException error =
                assertThrows(IOException.class, () -> serializer.deserialize(new DataInputDeserializer(block)));
        assertTrue(error.getMessage().contains("format 9"), error.getMessage());
    }
}
