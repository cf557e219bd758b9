package dev.recsys.index.trending;

import dev.recsys.ranker.records.ItemStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One window of {@link TrendingItems}: the latest record per item and a ranked snapshot of the top
 * items, rebuilt by {@link #refresh} so that requests never look at the whole map.
 */
final class TrendingWindow {
    /** Highest weight first; equal weights by itemId, so answers never depend on map order. */
    private static final Comparator<Ranked> BEST_FIRST = Comparator.comparingDouble(Ranked::weight)
            .reversed()
            .thenComparing(ranked -> ranked.stats().itemId());

    /** An item of the snapshot with its precomputed weight. */
    private record Ranked(ItemStats stats, double weight) {}

    /**
     * @param nextExpiry when the first of {@code ranked} goes stale: the snapshot is exact until then
     *     unless records change
     */
    private record Snapshot(long builtAt, long nextExpiry, List<Ranked> ranked) {
        static final Snapshot EMPTY = new Snapshot(Long.MIN_VALUE, Long.MAX_VALUE, List.of());
    }

    private final long slideMillis;
    private final int snapshotSize;
    private final long refreshMillis;
    private final ConcurrentMap<String, ItemStats> latest = new ConcurrentHashMap<>();

    private volatile boolean dirty;
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    TrendingWindow(long slideMillis, int snapshotSize, long refreshMillis) {
        this.slideMillis = slideMillis;
        this.snapshotSize = snapshotSize;
        this.refreshMillis = refreshMillis;
    }

    /** Keeps the record unless one with a later window end is held; {@code false} when ignored. */
    boolean offer(ItemStats stats) {
        boolean[] replaced = {false};
        latest.compute(stats.itemId(), (id, held) -> {
            if (held == null || stats.windowEnd() >= held.windowEnd()) {
                replaced[0] = true;
                return stats;
            }
            return held;
        });
        if (replaced[0]) {
            dirty = true;
        }
        return replaced[0];
    }

    void remove(String itemId) {
        if (latest.remove(itemId) != null) {
            dirty = true;
        }
    }

    /** The contract's rule: a record more than one slide behind now counts as zero. */
    boolean fresh(ItemStats stats, long nowMillis) {
        return nowMillis - stats.windowEnd() <= slideMillis;
    }

    int size() {
        return latest.size();
    }

    /** Rebuilds when records changed and the last build is a refresh interval old, or one of it went stale. */
    synchronized boolean refreshIfDue(long nowMillis) {
        Snapshot current = snapshot;
        boolean due = nowMillis >= current.nextExpiry() || (dirty && nowMillis - refreshMillis >= current.builtAt());
        if (due) {
            refresh(nowMillis);
        }
        return due;
    }

    /**
     * Selects the top {@code snapshotSize} fresh items with a bounded heap (O(n log N), no sort of
     * the map) and drops stale records: with the clock moving forward they never count again.
     */
    synchronized void refresh(long nowMillis) {
        dirty = false; // before the scan: a record offered during it marks the next build due
        PriorityQueue<Ranked> worstFirst = new PriorityQueue<>(snapshotSize + 1, BEST_FIRST.reversed());
        for (ItemStats stats : latest.values()) {
            if (!fresh(stats, nowMillis)) {
                latest.remove(stats.itemId(), stats);
                continue;
            }
            double weight = TrendingScore.weight(stats);
            if (weight <= 0) {
                continue;
            }
            if (worstFirst.size() < snapshotSize) {
                worstFirst.add(new Ranked(stats, weight));
            } else if (beats(weight, stats.itemId(), worstFirst.peek())) {
                worstFirst.poll();
                worstFirst.add(new Ranked(stats, weight));
            }
        }
        List<Ranked> ranked = new ArrayList<>(worstFirst);
        ranked.sort(BEST_FIRST);
        long nextExpiry = Long.MAX_VALUE;
        for (Ranked entry : ranked) {
            nextExpiry = Math.min(nextExpiry, entry.stats().windowEnd() + slideMillis + 1);
        }
        snapshot = new Snapshot(nowMillis, nextExpiry, List.copyOf(ranked));
    }

    /** Compares without allocating: most records of a large catalog do not make the snapshot. */
    private static boolean beats(double weight, String itemId, Ranked worst) {
        return weight > worst.weight()
                || (weight == worst.weight() && itemId.compareTo(worst.stats().itemId()) < 0);
    }

    /** The first {@code k} snapshot items still fresh at {@code nowMillis}, scored against the first. */
    List<TrendingItem> top(int k, long nowMillis) {
        List<Ranked> ranked = snapshot.ranked();
        List<TrendingItem> out = new ArrayList<>(Math.min(k, ranked.size()));
        double best = 0;
        for (Ranked entry : ranked) {
            if (out.size() == k) {
                break;
            }
            if (!fresh(entry.stats(), nowMillis)) {
                continue;
            }
            if (best == 0) {
                best = entry.weight();
            }
            out.add(new TrendingItem(entry.stats().itemId(), entry.weight() / best, entry.stats()));
        }
        return out;
    }
}
