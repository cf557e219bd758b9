package dev.recsys.ranker.eval;

import dev.recsys.ranker.cf.RatingMatrix;
import dev.recsys.ranker.neighbours.ItemNeighbours;
import java.util.Arrays;

/**
 * Item-based k-nearest-neighbours (Sarwar et al., WWW 2001; the ItemKNN-CF baseline of Dacrema et al.,
 * RecSys 2019): cosine similarity between the binary item-user columns, each item keeping its k most
 * similar items, and {@code score(u, i) = Σ_{j ∈ I_u} sim(j, i)} over the shopper's training items j whose
 * neighbour lists hold i. Only positive interactions count.
 *
 * <p>With a co-occurrence window W, two items count as co-occurring for a shopper only when fewer than W of
 * the shopper's other items lie between them in time ({@code sim = co_W(i, j) / sqrt(n_i · n_j)}, n the
 * shoppers of each item). Items a shopper takes up together (a session, an evening's ratings) say more
 * about what follows what than items years apart in one long history, which is what the recent-item
 * neighbours need. An item's time for a shopper is that of their latest interaction with it; items at the
 * same time always co-occur, so the result does not depend on how ties are ordered. Without a window it is
 * the plain cosine.
 *
 * <p>Neighbour lists are computed once up to {@code maxK}; {@link #scorer(int)} uses any prefix, so a
 * grid over k costs one similarity pass. The lists are also what {@code recsys train} ships to the
 * service for its recent-item neighbours ({@link ItemNeighbours}).
 */
public final class ItemKnn implements ItemNeighbours {
    /** No co-occurrence window: every pair of a shopper's items counts (the plain cosine). */
    public static final int NO_WINDOW = Integer.MAX_VALUE;

    private final TrainingData data;
    private final int[][] neighbours;
    private final float[][] similarities;
    private final int maxK;
    private final int window;

    /** The plain cosine ({@link #NO_WINDOW}). */
    public ItemKnn(TrainingData data, int maxK) {
        this(data, maxK, NO_WINDOW);
    }

    /**
     * @param window co-occurrence window in items, at least 1, or {@link #NO_WINDOW}
     */
    public ItemKnn(TrainingData data, int maxK, int window) {
        if (maxK < 1) {
            throw new IllegalArgumentException("maxK must be at least 1, got " + maxK);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, got " + window);
        }
        this.data = data;
        this.maxK = maxK;
        this.window = window;
        int items = data.items();
        Histories histories = Histories.of(data, window);
        int[][] itemsOf = histories.items;
        int[] counts = new int[items];
        for (int[] its : itemsOf) {
            for (int i : its) {
                counts[i]++;
            }
        }
        // Each item's occurrences: (shopper, position in the shopper's time-ordered items).
        int[][] usersOf = new int[items][];
        int[][] positionsOf = new int[items][];
        for (int i = 0; i < items; i++) {
            usersOf[i] = new int[counts[i]];
            positionsOf[i] = new int[counts[i]];
        }
        int[] fill = new int[items];
        for (int u = 0; u < itemsOf.length; u++) {
            for (int p = 0; p < itemsOf[u].length; p++) {
                int i = itemsOf[u][p];
                usersOf[i][fill[i]] = u;
                positionsOf[i][fill[i]++] = p;
            }
        }
        this.neighbours = new int[items][];
        this.similarities = new float[items][];
        double[] overlap = new double[items];
        int[] touched = new int[items];
        for (int i = 0; i < items; i++) {
            int touchedCount = 0;
            for (int o = 0; o < usersOf[i].length; o++) {
                int u = usersOf[i][o];
                int p = positionsOf[i][o];
                int[] its = itemsOf[u];
                for (int q = histories.from[u][p]; q <= histories.to[u][p]; q++) {
                    int j = its[q];
                    if (j != i) {
                        if (overlap[j] == 0) {
                            touched[touchedCount++] = j;
                        }
                        overlap[j]++;
                    }
                }
            }
            double[] sims = new double[touchedCount];
            int[] ids = Arrays.copyOf(touched, touchedCount);
            for (int t = 0; t < touchedCount; t++) {
                int j = ids[t];
                sims[t] = overlap[j] / Math.sqrt((double) counts[i] * counts[j]);
                overlap[j] = 0;
            }
            int keep = Math.min(maxK, touchedCount);
            double[] full = new double[touchedCount];
            System.arraycopy(sims, 0, full, 0, touchedCount);
            int[] best = TopK.select(full, null, keep);
            neighbours[i] = new int[keep];
            similarities[i] = new float[keep];
            for (int n = 0; n < keep; n++) {
                neighbours[i][n] = ids[best[n]];
                similarities[i][n] = (float) sims[best[n]];
            }
        }
    }

    /**
     * Each shopper's positive items ordered by time (then index), and for each position the range of
     * positions that co-occur with it: {@code from[u][p] .. to[u][p]}, the position itself included.
     */
    private record Histories(int[][] items, int[][] from, int[][] to) {
        static Histories of(TrainingData data, int window) {
            RatingMatrix m = data.matrix();
            int users = data.users();
            int[][] items = new int[users][];
            int[][] from = new int[users][];
            int[][] to = new int[users][];
            if (window == NO_WINDOW) {
                for (int u = 0; u < users; u++) {
                    items[u] = positive(m.itemsOf(u), m.weightsOf(u));
                    from[u] = new int[items[u].length];
                    to[u] = new int[items[u].length];
                    Arrays.fill(to[u], items[u].length - 1);
                }
                return new Histories(items, from, to);
            }
            // The time of each shopper's latest interaction with each of their items, parallel to the
            // matrix's ascending item lists (plain arrays: a log can hold millions of interactions).
            long[][] latest = new long[users][];
            for (int u = 0; u < users; u++) {
                latest[u] = new long[m.itemsOf(u).length];
                Arrays.fill(latest[u], Long.MIN_VALUE);
            }
            for (Interaction interaction : data.train()) {
                int at = Arrays.binarySearch(m.itemsOf(interaction.user()), interaction.item());
                if (at >= 0) { // the matrix holds every training pair; this only guards the index
                    long[] times = latest[interaction.user()];
                    times[at] = Math.max(times[at], interaction.ts());
                }
            }
            for (int u = 0; u < users; u++) {
                int[] all = m.itemsOf(u);
                float[] weights = m.weightsOf(u);
                int n = 0;
                for (float w : weights) {
                    n += w > 0 ? 1 : 0;
                }
                int[] its = new int[n];
                long[] ts = new long[n];
                for (int at = 0, p = 0; at < all.length; at++) {
                    if (weights[at] > 0) {
                        its[p] = all[at];
                        ts[p++] = latest[u][at];
                    }
                }
                from[u] = new int[n];
                to[u] = new int[n];
                Integer[] order = new Integer[n];
                for (int p = 0; p < n; p++) {
                    order[p] = p;
                }
                // Items ascend, so a stable sort by time leaves equal times in item order.
                Arrays.sort(order, (a, b) -> Long.compare(ts[a], ts[b]));
                items[u] = new int[n];
                long[] times = new long[n];
                for (int p = 0; p < n; p++) {
                    items[u][p] = its[order[p]];
                    times[p] = ts[order[p]];
                }
                // first[p] / last[p]: the first and last position with p's time. Positions p < q co-occur
                // when first[q] - last[p] - 1 (the items strictly between them in time) is below the window.
                int[] first = new int[n];
                int[] last = new int[n];
                for (int p = 0; p < n; p++) {
                    first[p] = p > 0 && times[p] == times[p - 1] ? first[p - 1] : p;
                }
                for (int p = n - 1; p >= 0; p--) {
                    last[p] = p < n - 1 && times[p] == times[p + 1] ? last[p + 1] : p;
                }
                int hi = 0;
                int lo = 0;
                for (int p = 0; p < n; p++) {
                    while (hi + 1 < n && first[hi + 1] - last[p] - 1 < window) {
                        hi++;
                    }
                    while (first[p] - last[lo] - 1 >= window) {
                        lo++;
                    }
                    from[u][p] = lo;
                    to[u][p] = Math.max(hi, last[p]);
                }
            }
            return new Histories(items, from, to);
        }
    }

    private static int[] positive(int[] items, float[] weights) {
        int n = 0;
        int[] out = new int[items.length];
        for (int at = 0; at < items.length; at++) {
            if (weights[at] > 0) {
                out[n++] = items[at];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The co-occurrence window in items, or {@link #NO_WINDOW}. */
    public int window() {
        return window;
    }

    /** The most neighbours per item this instance keeps. */
    public int maxK() {
        return maxK;
    }

    @Override
    public int neighbourCount(int item) {
        return neighbours[item].length;
    }

    @Override
    public int neighbour(int item, int n) {
        return neighbours[item][n];
    }

    @Override
    public float similarity(int item, int n) {
        return similarities[item][n];
    }

    /** Adds {@code weight × sim(item, j)} to {@code scores[j]} for each of the item's {@code k} nearest neighbours j. */
    void addNeighbours(double[] scores, int item, int k, double weight) {
        int[] near = neighbours[item];
        float[] sims = similarities[item];
        for (int n = 0; n < Math.min(k, near.length); n++) {
            scores[near[n]] += weight * sims[n];
        }
    }

    /** Scores with each item's {@code k} nearest neighbours (k at most the {@code maxK} built). */
    public ScoreFunction scorer(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        RatingMatrix m = data.matrix();
        return user -> {
            double[] scores = new double[data.items()];
            int[] its = positive(m.itemsOf(user), m.weightsOf(user));
            for (int j : its) {
                addNeighbours(scores, j, k, 1);
            }
            return scores;
        };
    }
}
