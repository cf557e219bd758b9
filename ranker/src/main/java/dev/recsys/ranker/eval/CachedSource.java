package dev.recsys.ranker.eval;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntToDoubleFunction;

/**
 * A hybrid source whose candidates are computed once per shopper and kept: each shopper's top {@code n} items
 * of the source (training items excluded), which is all the hybrid takes of it besides point scores. The
 * validation search prepares the hybrid's candidates once per co-occurrence window with the same CF, content
 * and popularity sources, so the full pass over the catalog each of them costs is made once instead of once
 * per window. The candidates and scores are exactly those of the uncached source. Thread-safe.
 */
final class CachedSource implements PointScores {
    private final PointScores inner;
    private final TrainingData data;
    private final int n;
    private final AtomicReferenceArray<int[]> tops;

    /** @param n the candidates kept per shopper: the hybrid's candidates per source */
    CachedSource(PointScores inner, TrainingData data, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        this.inner = inner;
        this.data = data;
        this.n = n;
        this.tops = new AtomicReferenceArray<>(data.users());
    }

    @Override
    public double[] scores(int user) {
        return inner.scores(user);
    }

    @Override
    public IntToDoubleFunction scorer(int user) {
        return inner.scorer(user);
    }

    /**
     * {@link TopK#select} of the shopper's scores without {@code exclude}, from the cache when {@code exclude}
     * is the shopper's training items of this source's data and {@code k} is the kept count.
     */
    int[] top(int user, BitSet exclude, int k) {
        if (k != n || exclude != data.seen(user)) {
            return TopK.select(inner.scores(user), exclude, k);
        }
        int[] top = tops.get(user);
        if (top == null) {
            top = TopK.select(inner.scores(user), exclude, k);
            tops.set(user, top);
        }
        return top.clone();
    }
}
