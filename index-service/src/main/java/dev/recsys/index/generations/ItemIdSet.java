package dev.recsys.index.generations;

/**
 * The distinct item ids seen by a build, as 64-bit hashes in an open-addressing table: 8 to 16 bytes per
 * item instead of the ~100 of a {@code HashSet<String>}, so counting a million items costs about 16 MB.
 * Two different ids share a 64-bit hash with probability about n²/2⁶⁵ (≈ 3·10⁻⁸ for a million
 * items), which would only make the validation gate fail a build, never serve a wrong item.
 */
final class ItemIdSet {
    private long[] table = new long[1 << 10];
    private boolean hasZero;
    private int size;

    /** Adds the id; true if it was not there. */
    boolean add(String itemId) {
        long h = hash(itemId);
        if (h == 0) {
            boolean added = !hasZero;
            hasZero = true;
            if (added) {
                size++;
            }
            return added;
        }
        if ((size + 1) * 2L > table.length) {
            grow();
        }
        if (insert(table, h)) {
            size++;
            return true;
        }
        return false;
    }

    int size() {
        return size;
    }

    private static boolean insert(long[] table, long h) {
        int mask = table.length - 1;
        for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (table[i] == 0) {
                table[i] = h;
                return true;
            }
            if (table[i] == h) {
                return false;
            }
        }
    }

    private void grow() {
        long[] bigger = new long[table.length * 2];
        for (long h : table) {
            if (h != 0) {
                insert(bigger, h);
            }
        }
        table = bigger;
    }

    static long hash(String s) {
        long h = 0x9e37_79b9_7f4a_7c15L ^ s.length();
        for (int i = 0; i < s.length(); i++) {
            h = mix(h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return mix(h);
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51_afd7_ed55_8ccdL;
        k ^= k >>> 33;
        k *= 0xc4ce_b9fe_1a85_ec53L;
        k ^= k >>> 33;
        return k;
    }
}
