package dev.recsys.ingest.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdHashTest {
    @Test
    void sameIdSameHash() {
        assertEquals(EventIdHash.of("e-42"), EventIdHash.of(new String("e-42".toCharArray())));
    }

    @Test
    void noCollisionsAmongTypicalIds() {
        // Sequential ids differing in one trailing character, and random UUIDs.
        Set<Long> hashes = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertTrue(hashes.add(EventIdHash.of("evt-" + i)), "evt-" + i);
        }
        Random random = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            assertTrue(hashes.add(EventIdHash.of(id)), id);
        }
    }

    @Test
    void everyInputBitMovesAboutHalfTheOutputBits() {
        Random random = new Random(9);
        long flipped = 0;
        int trials = 10_000;
        for (int t = 0; t < trials; t++) {
            char[] id = ("order-" + random.nextInt(1_000_000)).toCharArray();
            long before = EventIdHash.of(new String(id));
            int position = random.nextInt(id.length);
            id[position] ^= (char) (1 << random.nextInt(7));
            long after = EventIdHash.of(new String(id));
            assertNotEquals(before, after);
            flipped += Long.bitCount(before ^ after);
        }
        double mean = (double) flipped / trials;
        assertTrue(mean > 30 && mean < 34, "mean bits changed " + mean);
    }
}
