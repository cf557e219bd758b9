package dev.recsys.ingest.state;

import java.util.Arrays;

/**
 * The event ids one item has seen recently: 64-bit id hashes in hash sets, one set per
 * <em>generation</em> (a numbered slice of processing time). Expiry drops whole generations, so no
 * id needs a time of its own, and each costs 8 bytes in a primitive array (10–16 with the sets'
 * free slots) instead of the three objects of a map entry. On the heap that is millions of
 * pointer-free longs for the garbage collector instead of millions of objects to trace.
 *
 * <p>Each set uses open addressing with linear probing, at most three quarters full; 0 marks a
 * free slot, so a hash of 0 is stored as 1 (two of 2⁶⁴ values share a slot, which does not change
 * the collision odds noticeably). Not thread-safe: one instance belongs to one key of one task.
 */
public final class SeenEventIds {
    private static final int INITIAL_CAPACITY = 8;

    /** Generation numbers, oldest first; {@code count} are in use. */
    private long[] generations;
    /** The hash set of each generation. */
    private long[][] tables;
    /** How many hashes each generation holds. */
    private int[] sizes;

    private int count;

    public SeenEventIds() {
        this(new long[2], new long[2][], new int[2], 0);
    }

    private SeenEventIds(long[] generations, long[][] tables, int[] sizes, int count) {
        this.generations = generations;
        this.tables = tables;
        this.sizes = sizes;
        this.count = count;
    }

    /** Whether {@code hash} was added to a generation numbered {@code oldestLive} or later. */
    public boolean contains(long hash, long oldestLive) {
        long stored = stored(hash);
        for (int g = count - 1; g >= 0 && generations[g] >= oldestLive; g--) {
            long[] table = tables[g];
            int mask = table.length - 1;
            for (int slot = (int) stored & mask; table[slot] != 0; slot = (slot + 1) & mask) {
                if (table[slot] == stored) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Remembers {@code hash} in generation {@code generation}, or in the newest one when that is
     * newer (a processing-time clock set back keeps the id for at least as long).
     */
    public void add(long hash, long generation) {
        if (count == 0 || generation > generations[count - 1]) {
            appendGeneration(generation);
        }
        int g = count - 1;
        if (4 * (sizes[g] + 1) > 3 * tables[g].length) {
            tables[g] = grown(tables[g]);
        }
        if (insert(tables[g], stored(hash))) {
            sizes[g]++;
        }
    }

    /**
     * Forgets every generation numbered below {@code oldestLive}.
     *
     * @return whether any ids are left
     */
    public boolean expire(long oldestLive) {
        int dropped = 0;
        while (dropped < count && generations[dropped] < oldestLive) {
            dropped++;
        }
        if (dropped > 0) {
            System.arraycopy(generations, dropped, generations, 0, count - dropped);
            System.arraycopy(tables, dropped, tables, 0, count - dropped);
            System.arraycopy(sizes, dropped, sizes, 0, count - dropped);
            Arrays.fill(tables, count - dropped, count, null);
            count -= dropped;
        }
        return count > 0;
    }

    /** Whether no ids are held. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** The oldest generation held; only when not {@link #isEmpty}. */
    public long oldestGeneration() {
        if (count == 0) {
            throw new IllegalStateException("no generations held");
        }
        return generations[0];
    }

    /** How many ids are held over all generations. */
    public long size() {
        long total = 0;
        for (int g = 0; g < count; g++) {
            total += sizes[g];
        }
        return total;
    }

    /** How many generations are held. */
    public int generationCount() {
        return count;
    }

    /** An independent copy (Flink copies state a running checkpoint still needs before it changes). */
    public SeenEventIds deepCopy() {
        long[][] copies = new long[count][];
        for (int g = 0; g < count; g++) {
            copies[g] = tables[g].clone();
        }
        return new SeenEventIds(
                Arrays.copyOf(generations, Math.max(count, 1)),
                Arrays.copyOf(copies, Math.max(count, 1)),
                Arrays.copyOf(sizes, Math.max(count, 1)),
                count);
    }

    /** Calls {@code visitor} with each generation and the hashes it holds, oldest first. */
    public void forEachGeneration(GenerationVisitor visitor) {
        for (int g = 0; g < count; g++) {
            long[] hashes = new long[sizes[g]];
            int n = 0;
            for (long stored : tables[g]) {
                if (stored != 0) {
                    hashes[n++] = stored;
                }
            }
            visitor.visit(generations[g], hashes);
        }
    }

    /** Receives one generation of {@link #forEachGeneration}. */
    @FunctionalInterface
    public interface GenerationVisitor {
        void visit(long generation, long[] hashes);
    }

    private void appendGeneration(long generation) {
        if (count == generations.length) {
            int capacity = 2 * count;
            generations = Arrays.copyOf(generations, capacity);
            tables = Arrays.copyOf(tables, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
        }
        generations[count] = generation;
        tables[count] = new long[INITIAL_CAPACITY];
        sizes[count] = 0;
        count++;
    }

    /** A hash as stored: 0 marks a free slot. */
    private static long stored(long hash) {
        return hash == 0 ? 1 : hash;
    }

    /** Adds {@code stored} unless present; the table has a free slot. */
    private static boolean insert(long[] table, long stored) {
        int mask = table.length - 1;
        int slot = (int) stored & mask;
        while (table[slot] != 0) {
            if (table[slot] == stored) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        table[slot] = stored;
        return true;
    }

    private static long[] grown(long[] table) {
        long[] bigger = new long[2 * table.length];
        for (long stored : table) {
            if (stored != 0) {
                insert(bigger, stored);
            }
        }
        return bigger;
    }
}
