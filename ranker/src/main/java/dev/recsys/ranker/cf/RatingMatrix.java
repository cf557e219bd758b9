package dev.recsys.ranker.cf;

import java.util.Arrays;

/**
 * A sparse shoppers × items matrix of interaction weights, held twice (row-major by shopper and by item)
 * because implicit ALS alternates between solving every shopper's row and every item's row. A weight is
 * signed as in {@link ImplicitFoldIn}: positive means preference 1, negative means confident preference 0
 * (a dislike); its magnitude sets the confidence {@code c = 1 + α·|w|}.
 *
 * <p>Immutable once built; the arrays are read by many threads during training.
 */
public final class RatingMatrix {
    private final int users;
    private final int items;
    private final int[] userStart;
    private final int[] userItems;
    private final float[] userWeights;
    private final int[] itemStart;
    private final int[] itemUsers;
    private final float[] itemWeights;

    private RatingMatrix(int users, int items, int[] rowOf, int[] colOf, float[] weightOf) {
        this.users = users;
        this.items = items;
        int n = rowOf.length;
        this.userStart = new int[users + 1];
        this.userItems = new int[n];
        this.userWeights = new float[n];
        this.itemStart = new int[items + 1];
        this.itemUsers = new int[n];
        this.itemWeights = new float[n];
        fill(rowOf, colOf, weightOf, users, userStart, userItems, userWeights);
        fill(colOf, rowOf, weightOf, items, itemStart, itemUsers, itemWeights);
    }

    /** Counting sort of the entries into compressed rows; within a row, columns ascend. */
    private static void fill(
            int[] rows, int[] cols, float[] weights, int rowCount, int[] start, int[] colOut, float[] wOut) {
        for (int row : rows) {
            start[row + 1]++;
        }
        for (int r = 0; r < rowCount; r++) {
            start[r + 1] += start[r];
        }
        int[] next = Arrays.copyOf(start, rowCount);
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                (a, b) -> rows[a] != rows[b] ? Integer.compare(rows[a], rows[b]) : Integer.compare(cols[a], cols[b]));
        for (int e : order) {
            int at = next[rows[e]]++;
            colOut[at] = cols[e];
            wOut[at] = weights[e];
        }
    }

    /** Collects entries; a (shopper, item) pair added twice keeps the sum of its weights. */
    public static Builder builder(int users, int items) {
        return new Builder(users, items);
    }

    public int users() {
        return users;
    }

    public int items() {
        return items;
    }

    /** Number of stored (shopper, item) entries. */
    public int entries() {
        return userItems.length;
    }

    int userStart(int user) {
        return userStart[user];
    }

    int userEnd(int user) {
        return userStart[user + 1];
    }

    int userItem(int at) {
        return userItems[at];
    }

    float userWeight(int at) {
        return userWeights[at];
    }

    int itemStart(int item) {
        return itemStart[item];
    }

    int itemEnd(int item) {
        return itemStart[item + 1];
    }

    int itemUser(int at) {
        return itemUsers[at];
    }

    float itemWeight(int at) {
        return itemWeights[at];
    }

    /** The items of one shopper, ascending. */
    public int[] itemsOf(int user) {
        return Arrays.copyOfRange(userItems, userStart[user], userStart[user + 1]);
    }

    /** The weights of one shopper's items, parallel to {@link #itemsOf}. */
    public float[] weightsOf(int user) {
        return Arrays.copyOfRange(userWeights, userStart[user], userStart[user + 1]);
    }

    /** The shoppers of one item, ascending. */
    public int[] usersOf(int item) {
        return Arrays.copyOfRange(itemUsers, itemStart[item], itemStart[item + 1]);
    }

    /** Accumulates entries for a {@link RatingMatrix}. Not thread-safe. */
    public static final class Builder {
        private final int users;
        private final int items;
        private final java.util.HashMap<Long, Integer> index = new java.util.HashMap<>();
        private int[] rows = new int[16];
        private int[] cols = new int[16];
        private float[] weights = new float[16];
        private int size;

        private Builder(int users, int items) {
            if (users < 0 || items < 0) {
                throw new IllegalArgumentException(
                        "users and items must not be negative, got " + users + " and " + items);
            }
            this.users = users;
            this.items = items;
        }

        public Builder add(int user, int item, double weight) {
            if (user < 0 || user >= users) {
                throw new IllegalArgumentException("user must be in [0, " + users + "), got " + user);
            }
            if (item < 0 || item >= items) {
                throw new IllegalArgumentException("item must be in [0, " + items + "), got " + item);
            }
            if (!Double.isFinite(weight)) {
                throw new IllegalArgumentException("weight must be finite, got " + weight);
            }
            long key = (long) user * items + item;
            Integer at = index.get(key);
            if (at != null) {
                weights[at] += (float) weight;
                return this;
            }
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, size * 2);
                cols = Arrays.copyOf(cols, size * 2);
                weights = Arrays.copyOf(weights, size * 2);
            }
            index.put(key, size);
            rows[size] = user;
            cols[size] = item;
            weights[size] = (float) weight;
            size++;
            return this;
        }

        public RatingMatrix build() {
            return new RatingMatrix(
                    users, items, Arrays.copyOf(rows, size), Arrays.copyOf(cols, size), Arrays.copyOf(weights, size));
        }
    }
}
