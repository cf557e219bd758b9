package dev.recsys.index.users;

/**
 * The HNSW knobs of a {@link ShopperIndex}.
 *
 * @param m links per node and layer (twice that on the bottom layer); default {@value #DEFAULT_M}
 * @param ef candidates a query keeps while searching, at least {@code k}; default {@value
 *     #DEFAULT_EF}
 * @param efConstruction candidates kept while linking a new node; default {@value
 *     #DEFAULT_EF_CONSTRUCTION}
 * @param initialCapacity nodes a new graph has room for before it first grows; default {@value
 *     #DEFAULT_INITIAL_CAPACITY}
 */
public record ShopperIndexConfig(int m, int ef, int efConstruction, int initialCapacity) {
    public static final int DEFAULT_M = 16;
    public static final int DEFAULT_EF = 100;
    public static final int DEFAULT_EF_CONSTRUCTION = 200;
    public static final int DEFAULT_INITIAL_CAPACITY = 1_024;

    public ShopperIndexConfig {
        checkRange("m", m, 2, 256);
        checkRange("ef", ef, 1, 100_000);
        checkRange("efConstruction", efConstruction, 1, 100_000);
        checkRange("initialCapacity", initialCapacity, 1, 1 << 28);
    }

    public static ShopperIndexConfig defaults() {
        return new ShopperIndexConfig(DEFAULT_M, DEFAULT_EF, DEFAULT_EF_CONSTRUCTION, DEFAULT_INITIAL_CAPACITY);
    }

    public ShopperIndexConfig withInitialCapacity(int capacity) {
        return new ShopperIndexConfig(m, ef, efConstruction, capacity);
    }

    private static void checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
