package dev.recsys.index.users;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RecordSlotTest {

    private static byte[] filled(char c, int length) {
        byte[] record = new byte[length];
        Arrays.fill(record, (byte) c);
        return record;
    }

    @Test
    void holdsTheLatestRecordWithItsErasureTimeAndVersion() {
        RecordSlot slot = new RecordSlot(0, 1, filled('a', 100));
        slot.replace(0, 2, filled('b', 90));
        assertEquals(0, slot.erasedUpTo());
        assertEquals(2, slot.version());
        assertArrayEquals(filled('b', 90), slot.copy());
        slot.replace(1_700_000_000_000L, 1, filled('c', 1_000));
        assertEquals(1_700_000_000_000L, slot.erasedUpTo());
        assertEquals(1, slot.version());
        assertArrayEquals(filled('c', 1_000), slot.copy());
    }

    @Test
    void aCopyIsTheCallersOwn() {
        RecordSlot slot = new RecordSlot(0, 1, filled('a', 10));
        byte[] copy = slot.copy();
        slot.replace(0, 2, filled('b', 10));
        assertArrayEquals(filled('a', 10), copy);
    }

    @Test
    void readersNeverSeeAHalfWrittenRecord() throws Exception {
        byte[] a = filled('a', 4_000);
        byte[] b = filled('b', 4_400);
        RecordSlot slot = new RecordSlot(0, 0, a);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (writing.get() || reads < 1_000) {
                        byte[] copy = slot.copy();
                        assertTrue(Arrays.equals(copy, a) || Arrays.equals(copy, b), "a torn record was read");
                        reads++;
                    }
                    return reads;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                for (int i = 1; i <= 500_000; i++) {
                    slot.replace(0, i, i % 2 == 0 ? a : b);
                }
                writing.set(false);
            });
            writer.get();
            for (Future<Integer> reader : readers) {
                assertTrue(reader.get() >= 1_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
