package dev.recsys.ranker.profile;

import dev.recsys.ranker.cf.ImplicitFoldIn;
import java.util.Objects;

/**
 * What a shopper's CF fold-in needs, kept in the profile: every item they interacted with under
 * one CF model generation, with the summed interaction weight (as training sums a shopper's
 * weights per item) and the item's factor, {@linkplain ImplicitFoldIn#whiten whitened} for that
 * generation's model so that an update solves without touching every factor again. Least recently touched first; at most {@code capacity}
 * items, the least recently touched dropped beyond that. Flat arrays, so Flink serialises it as a
 * POJO.
 *
 * @param generation the model generation the factors belong to
 * @param items item ids
 * @param weights summed interaction weights, parallel to {@code items}
 * @param factors the items' whitened factors, {@code items.length × k}, row-major
 * @param gram their Gram matrix ({@link ImplicitFoldIn#packedGram}), kept while the history is
 *     shorter than k, where the fold-in solves the n×n system built from it: a new item then costs
 *     one row, O(nk), instead of the whole matrix, O(n²k); {@code null} from k items on, and in
 *     state written before it was kept (it is then computed once)
 */
public record CfHistory(long generation, String[] items, float[] weights, float[] factors, float[] gram) {

    public CfHistory {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(factors, "factors");
    }

    /** A history without a cached Gram matrix. */
    public CfHistory(long generation, String[] items, float[] weights, float[] factors) {
        this(generation, items, weights, factors, null);
    }

    static CfHistory empty(long generation) {
        return new CfHistory(generation, new String[0], new float[0], new float[0], new float[0]);
    }

    public int size() {
        return items.length;
    }

    /** This history with {@code weight} added to the item's (which moves to the end, as the most recent).
     * {@code factor} is the item's whitened factor. */
    CfHistory with(String itemId, double weight, float[] factor, int capacity) {
        int k = factor.length;
        int at = -1;
        for (int i = 0; i < items.length; i++) {
            if (items[i].equals(itemId)) {
                at = i;
                break;
            }
        }
        double total = weight + (at >= 0 ? weights[at] : 0);
        int kept = at >= 0 ? items.length - 1 : items.length;
        int drop = Math.max(0, kept + 1 - capacity); // the oldest entries beyond capacity
        int length = kept - drop + 1;
        String[] newItems = new String[length];
        float[] newWeights = new float[length];
        float[] newFactors = new float[length * k];
        int[] from = new int[length - 1]; // the old index of each kept entry, in order
        int out = 0;
        int skipped = 0;
        for (int i = 0; i < items.length; i++) {
            if (i == at) {
                continue;
            }
            if (skipped < drop) {
                skipped++;
                continue;
            }
            from[out] = i;
            newItems[out] = items[i];
            newWeights[out] = weights[i];
            System.arraycopy(factors, i * k, newFactors, out * k, k);
            out++;
        }
        newItems[out] = itemId;
        newWeights[out] = (float) total;
        System.arraycopy(factor, 0, newFactors, out * k, k);
        return new CfHistory(generation, newItems, newWeights, newFactors, gramAfter(from, newFactors, factor, length));
    }

    /** The Gram matrix of the new history while it is shorter than k, else {@code null}. */
    private float[] gramAfter(int[] from, float[] newFactors, float[] factor, int length) {
        int k = factor.length;
        if (length >= k) {
            return null;
        }
        if (gram == null || gram.length != ImplicitFoldIn.packedSize(items.length)) {
            return ImplicitFoldIn.packedGram(newFactors, length, k);
        }
        // The kept entries keep their order, so entry (p, q ≤ p) comes from (from[p], from[q]).
        float[] next = new float[ImplicitFoldIn.packedSize(length)];
        for (int p = 0; p < from.length; p++) {
            int source = ImplicitFoldIn.packedSize(from[p]);
            int target = ImplicitFoldIn.packedSize(p);
            for (int q = 0; q <= p; q++) {
                next[target + q] = gram[source + from[q]];
            }
        }
        ImplicitFoldIn.gramRow(newFactors, length - 1, k, factor, next, ImplicitFoldIn.packedSize(length - 1));
        return next;
    }

    /** The shopper's factor: the exact implicit-ALS user step over every item in the history. */
    float[] solve(ImplicitFoldIn foldIn) {
        double[] w = new double[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[i];
        }
        return foldIn.solveWhitened(
                factors, w, gram != null && gram.length == ImplicitFoldIn.packedSize(w.length) ? gram : null);
    }
}
