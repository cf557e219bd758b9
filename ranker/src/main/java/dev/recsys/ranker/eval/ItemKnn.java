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
 * <p>Neighbour lists are computed once up to {@code maxK}; {@link #scorer(int)} uses any prefix, so a
 * grid over k costs one similarity pass. The lists are also what {@code recsys train} ships to the
 * service for its recent-item neighbours ({@link ItemNeighbours}).
 */
public final class ItemKnn implements ItemNeighbours {
    private final TrainingData data;
    private final int[][] neighbours;
    private final float[][] similarities;
    private final int maxK;

    public ItemKnn(TrainingData data, int maxK) {
        if (maxK < 1) {
            throw new IllegalArgumentException("maxK must be at least 1, got " + maxK);
        }
        this.data = data;
        this.maxK = maxK;
        int items = data.items();
        RatingMatrix m = data.matrix();
        int[][] usersOf = new int[items][];
        int[][] itemsOf = new int[data.users()][];
        for (int u = 0; u < data.users(); u++) {
            itemsOf[u] = positive(m.itemsOf(u), m.weightsOf(u));
        }
        int[] counts = new int[items];
        for (int[] its : itemsOf) {
            for (int i : its) {
                counts[i]++;
            }
        }
        for (int i = 0; i < items; i++) {
            usersOf[i] = new int[counts[i]];
        }
        int[] fill = new int[items];
        for (int u = 0; u < itemsOf.length; u++) {
            for (int i : itemsOf[u]) {
                usersOf[i][fill[i]++] = u;
            }
        }
        this.neighbours = new int[items][];
        this.similarities = new float[items][];
        double[] overlap = new double[items];
        int[] touched = new int[items];
        for (int i = 0; i < items; i++) {
            int touchedCount = 0;
            for (int u : usersOf[i]) {
                for (int j : itemsOf[u]) {
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
