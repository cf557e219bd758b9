package dev.recsys.index.embed;

import java.util.Arrays;

/**
 * An open-addressing hash table from 128-bit keys to record numbers, in three parallel arrays (24 bytes a
 * slot), for {@link EmbeddingCache}: a million texts cost tens of megabytes, not the hundred or more
 * boxed map entries would. Not thread-safe; the cache guards it.
 */
final class KeyTable {
    private static final int INITIAL_SLOTS = 1024;

    private long[] highs = new long[INITIAL_SLOTS];
    private long[] lows = new long[INITIAL_SLOTS];
    /** Record number + 1; 0 marks an empty slot. */
    private long[] values = new long[INITIAL_SLOTS];

    private int size;

    /** The value of the key, or -1. */
    long get(long high, long low) {
        int mask = values.length - 1;
        for (int slot = slot(high, low, mask); ; slot = (slot + 1) & mask) {
            if (values[slot] == 0) {
                return -1;
            }
            if (highs[slot] == high && lows[slot] == low) {
                return values[slot] - 1;
            }
        }
    }

    /** Sets the value of the key ({@code value >= 0}). */
    void put(long high, long low, long value) {
        if (2 * (size + 1) > values.length) {
            grow();
        }
        int mask = values.length - 1;
        for (int slot = slot(high, low, mask); ; slot = (slot + 1) & mask) {
            if (values[slot] == 0) {
                highs[slot] = high;
                lows[slot] = low;
                values[slot] = value + 1;
                size++;
                return;
            }
            if (highs[slot] == high && lows[slot] == low) {
                values[slot] = value + 1;
                return;
            }
        }
    }

    private void grow() {
        long[] oldHighs = highs;
        long[] oldLows = lows;
        long[] oldValues = values;
        highs = new long[oldValues.length * 2];
        lows = new long[oldValues.length * 2];
        values = new long[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != 0) {
                put(oldHighs[i], oldLows[i], oldValues[i] - 1);
            }
        }
        Arrays.fill(oldValues, 0);
    }

    private static int slot(long high, long low, int mask) {
        // The keys are SHA-256 bits already: any of them spreads well.
        return (int) (high ^ (low >>> 17)) & mask;
    }
}
