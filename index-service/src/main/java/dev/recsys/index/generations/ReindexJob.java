package dev.recsys.index.generations;

import dev.recsys.index.catalog.sources.Excerpt;
import dev.recsys.index.catalog.sources.LineError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One reindex: its phases, counts and outcome, updated by the {@link Reindexer}'s worker thread and read
 * by the status endpoint at any time.
 */
public final class ReindexJob {
    /** How many rejected records a job keeps (with line, field and reason) for the operator. */
    public static final int MAX_REPORTED_ERRORS = 20;

    /** The phases in order; a job ends in {@link #SUCCEEDED} or {@link #FAILED}. */
    public enum Phase {
        QUEUED,
        FITTING,
        EMBEDDING,
        INDEXING,
        VALIDATING,
        CATCHING_UP,
        SWAPPING,
        PUBLISHING,
        SUCCEEDED,
        FAILED;

        /** The JSON name: lower case with hyphens ({@code catching-up}). */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final String id;
    private final String source;
    private final long estimatedSize;
    private final double maxErrorRatio;
    private final double maxItemsPerSecond;
    private final Instant createdAt = Instant.now();
    final AtomicLong read = new AtomicLong();
    final AtomicLong indexed = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong caughtUp = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong cfItems = new AtomicLong();
    final AtomicLong seqItems = new AtomicLong();
    final AtomicLong embedded = new AtomicLong();
    final AtomicLong cached = new AtomicLong();
    private final List<LineError> errors = new ArrayList<>();
    private volatile Phase phase = Phase.QUEUED;
    private volatile long generation = -1;
    private volatile long total = -1;
    private volatile long phaseStartedNanos = System.nanoTime();
    private volatile String failure;
    private volatile String cf;
    private volatile String sequence;
    private volatile String embedder;
    private volatile Instant finishedAt;

    ReindexJob(String id, String source, long estimatedSize, double maxErrorRatio, double maxItemsPerSecond) {
        this.id = id;
        this.source = source;
        this.estimatedSize = estimatedSize;
        this.maxErrorRatio = maxErrorRatio;
        this.maxItemsPerSecond = maxItemsPerSecond;
        this.total = estimatedSize;
    }

    public String id() {
        return id;
    }

    public String source() {
        return source;
    }

    public double maxErrorRatio() {
        return maxErrorRatio;
    }

    /** The indexing pass's rate limit; 0 means none. */
    public double maxItemsPerSecond() {
        return maxItemsPerSecond;
    }

    public Phase phase() {
        return phase;
    }

    /** {@code running}, {@code succeeded} or {@code failed}. */
    public String state() {
        return switch (phase) {
            case SUCCEEDED -> "succeeded";
            case FAILED -> "failed";
            default -> "running";
        };
    }

    public boolean finished() {
        return phase == Phase.SUCCEEDED || phase == Phase.FAILED;
    }

    /** The generation being built (or built), -1 before one is allocated. */
    public long generation() {
        return generation;
    }

    /** Records read in the current pass (the first pass while fitting, the second while indexing). */
    public long read() {
        return read.get();
    }

    public long indexed() {
        return indexed.get();
    }

    public long rejected() {
        return rejected.get();
    }

    /** Accepted records whose itemId repeated an earlier one (the last one won). */
    public long duplicates() {
        return duplicates.get();
    }

    /** Catalog-topic records applied to the new generation before the swap. */
    public long caughtUp() {
        return caughtUp.get();
    }

    /** Item vectors sent to {@code item-vectors} after the swap. */
    public long published() {
        return published.get();
    }

    /** Items given a trained CF factor (0 when the generation gets none). */
    public long cfItems() {
        return cfItems.get();
    }

    /** Items that got a sequence model embedding. */
    public long seqItems() {
        return seqItems.get();
    }

    /** The sequence model the generation carries, or {@code null} without one. */
    public String sequence() {
        return sequence;
    }

    void sequence(String description) {
        this.sequence = description;
    }

    /** The CF factors the generation gets ("64 factors for 9,724 items", where from), or {@code null}. */
    public String cf() {
        return cf;
    }

    /** Records the current phase works through: the estimate while fitting, the accepted count after. */
    /** The embedder the new generation is built with, {@code null} before the job chose it. */
    public String embedder() {
        return embedder;
    }

    /** Item texts the embedding phase had to embed (the embedding cache lacked them). */
    public long embedded() {
        return embedded.get();
    }

    /** Item texts the embedding phase found in the embedding cache. */
    public long cached() {
        return cached.get();
    }

    public long total() {
        return total;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    /** Why it failed, or {@code null}. */
    public String failure() {
        return failure;
    }

    /** The first {@value #MAX_REPORTED_ERRORS} rejected records. */
    public synchronized List<LineError> errors() {
        return List.copyOf(errors);
    }

    /** Records per second in the current phase (reading or indexing), 0 before any. */
    public double itemsPerSecond() {
        double seconds = (System.nanoTime() - phaseStartedNanos) / 1e9;
        long done =
                switch (phase) {
                    case FITTING, EMBEDDING -> read.get() + rejected.get();
                    case INDEXING -> indexed.get();
                    case PUBLISHING -> published.get();
                    default -> 0;
                };
        return seconds <= 0 || done == 0 ? 0 : done / seconds;
    }

    /** Seconds until the current phase's records are done at the current rate, or -1 when unknown. */
    public long etaSeconds() {
        double rate = itemsPerSecond();
        long done =
                switch (phase) {
                    case FITTING, EMBEDDING -> read.get() + rejected.get();
                    case INDEXING -> indexed.get();
                    case PUBLISHING -> published.get();
                    default -> -1;
                };
        if (rate <= 0 || total < 0 || done < 0) {
            return -1;
        }
        return Math.max(0, Math.round((total - done) / rate));
    }

    // ---- updated by the Reindexer ----------------------------------------------------------------

    void phase(Phase next) {
        phaseStartedNanos = System.nanoTime();
        phase = next;
        if (next == Phase.SUCCEEDED || next == Phase.FAILED) {
            finishedAt = Instant.now();
        }
    }

    void generation(long generation) {
        this.generation = generation;
    }

    void embedder(String id) {
        this.embedder = id;
    }

    void cf(String description) {
        this.cf = description;
    }

    void total(long total) {
        this.total = total;
    }

    void reject(LineError error) {
        rejected.incrementAndGet();
        synchronized (this) {
            if (errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(error);
            }
        }
    }

    /** Fails the job; the reason is shown to whoever holds the admin token, so it is kept within an excerpt's bounds. */
    void fail(String reason) {
        failure = Excerpt.bounded(reason, Excerpt.MAX_MESSAGE);
        phase(Phase.FAILED);
    }

    long estimatedSize() {
        return estimatedSize;
    }

    @Override
    public String toString() {
        return "reindex " + id + " (" + source + "): " + phase.label();
    }
}
