package dev.recsys.index.trending;

import dev.recsys.ranker.records.ItemStats;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The trending items of each configured window, in memory, from the {@code item-stats} records.
 *
 * <p>Per item and window it keeps the record with the latest {@code windowEnd} (an at-least-once
 * replay of an older window never replaces a newer one); a tombstone removes it. A record counts
 * only while it is fresh: at most one slide behind the current time (docs/CONTRACTS.md), because an
 * item with no interaction in a window gets no new record and its last one would live forever.
 *
 * <p>{@link #top} answers from a per-window snapshot of the best {@code snapshotSize} items, so a
 * request reads at most that many whatever the catalog size. {@link #refreshIfDue} rebuilds a snapshot when
 * records changed (at most once per refresh interval) or when one of its items went stale; it
 * also drops stale records, which bounds memory by the items active in the last window and slide.
 * {@link ItemStatsConsumer} calls it after every poll.
 *
 * <p>Thread-safe: one consumer thread writes and refreshes while request threads read.
 */
public final class TrendingItems {
    /** The stream job's default windows (size → slide): the last hour every 5 minutes, the last day every hour. */
    public static final Map<String, Duration> DEFAULT_SLIDES = defaultSlides();

    public static final int DEFAULT_SNAPSHOT_SIZE = 1_000;
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(1);

    /** What {@link #offer} did with a record. */
    public enum Outcome {
        /** Held now: the first of its item and window, or as new as the one held. */
        APPLIED,
        /** Ignored: a record with a later window end is held. */
        OUTDATED,
        /** Ignored: not one of the configured windows, whose slides say when records go stale. */
        UNKNOWN_WINDOW
    }

    private final Map<String, TrendingWindow> windows;
    private final AtomicLong outdated = new AtomicLong();
    private final AtomicLong unknownWindow = new AtomicLong();

    /** The default windows, snapshot size and refresh interval. */
    public TrendingItems() {
        this(DEFAULT_SLIDES, DEFAULT_SNAPSHOT_SIZE, DEFAULT_REFRESH_INTERVAL);
    }

    /**
     * @param slides window name as written in the records ({@code PT1H}) → the job's slide for it
     * @param snapshotSize items kept ranked per window: the most {@link #top} can return
     * @param refreshInterval least time between two rebuilds caused by new records
     */
    public TrendingItems(Map<String, Duration> slides, int snapshotSize, Duration refreshInterval) {
        if (slides.isEmpty()) {
            throw new IllegalArgumentException("at least one window is needed");
        }
        if (snapshotSize < 1) {
            throw new IllegalArgumentException("snapshotSize must be positive, got " + snapshotSize);
        }
        if (refreshInterval.isNegative()) {
            throw new IllegalArgumentException("refreshInterval must not be negative, got " + refreshInterval);
        }
        Map<String, TrendingWindow> byName = new LinkedHashMap<>();
        slides.forEach((window, slide) -> {
            if (slide.isNegative() || slide.isZero()) {
                throw new IllegalArgumentException("slide of " + window + " must be positive, got " + slide);
            }
            byName.put(window, new TrendingWindow(slide.toMillis(), snapshotSize, refreshInterval.toMillis()));
        });
        this.windows = Collections.unmodifiableMap(byName);
    }

    private static Map<String, Duration> defaultSlides() {
        Map<String, Duration> slides = new LinkedHashMap<>();
        slides.put("PT1H", Duration.ofMinutes(5));
        slides.put("P1D", Duration.ofHours(1));
        return Collections.unmodifiableMap(slides);
    }

    /** The configured window names. */
    public Set<String> windows() {
        return windows.keySet();
    }

    public Outcome offer(ItemStats stats) {
        TrendingWindow window = windows.get(stats.window());
        if (window == null) {
            unknownWindow.incrementAndGet();
            return Outcome.UNKNOWN_WINDOW;
        }
        if (!window.offer(stats)) {
            outdated.incrementAndGet();
            return Outcome.OUTDATED;
        }
        return Outcome.APPLIED;
    }

    /** Forgets an item in one window (a tombstone on the compacted topic). */
    public void remove(String itemId, String window) {
        TrendingWindow held = windows.get(window);
        if (held != null) {
            held.remove(itemId);
        }
    }

    /**
     * The {@code k} items of {@code window} with the highest trending score, best first, equal
     * scores by itemId; records stale at {@code nowMillis} are left out. Answers from the last
     * snapshot: at most {@code snapshotSize} items, and records offered since are not seen yet.
     *
     * @throws IllegalArgumentException for a window that is not configured, or {@code k < 1}
     */
    public List<TrendingItem> top(String window, int k, long nowMillis) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        return window(window).top(k, nowMillis);
    }

    /** Rebuilds the snapshots that are due (see the class comment); returns whether any was. */
    public boolean refreshIfDue(long nowMillis) {
        boolean any = false;
        for (TrendingWindow window : windows.values()) {
            any |= window.refreshIfDue(nowMillis);
        }
        return any;
    }

    /** Rebuilds every snapshot now. */
    public void refresh(long nowMillis) {
        windows.values().forEach(window -> window.refresh(nowMillis));
    }

    /** Records held, over all windows (stale ones until the next rebuild). */
    public int size() {
        return windows.values().stream().mapToInt(TrendingWindow::size).sum();
    }

    /** Records ignored because a later window end was held. */
    public long outdatedCount() {
        return outdated.get();
    }

    /** Records ignored because their window is not configured. */
    public long unknownWindowCount() {
        return unknownWindow.get();
    }

    private TrendingWindow window(String name) {
        TrendingWindow window = windows.get(name);
        if (window == null) {
            throw new IllegalArgumentException("unknown window '" + name + "' (configured: " + windows() + ")");
        }
        return window;
    }
}
