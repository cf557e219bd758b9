package dev.recsys.index.generations;

import dev.recsys.index.catalog.CatalogIndex;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place queries get the serving catalog generation from:
 *
 * <pre>{@code
 * try (CatalogLease lease = live.acquire()) {
 *     List<Hit> hits = lease.index().search(text, k, filter);
 * }
 * }</pre>
 *
 * <p>Each generation is reference counted: being live holds one reference and each lease one more.
 * {@link #publish} swaps the live generation atomically; a query that acquired the old one keeps it and
 * finishes on it, and the old generation is closed (committing its pending updates) when its last lease
 * is released. A rollback re-opens it from disk ({@link #awaitRetiredClosed} first, since one directory
 * has one writer). This is the reader side of the swap; the writer side is the {@link Reindexer}.
 */
public final class LiveCatalog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCatalog.class);

    private final AtomicReference<Handle> live = new AtomicReference<>();
    private final List<Consumer<CatalogIndex>> preparers = new CopyOnWriteArrayList<>();
    private volatile Handle retired;
    private volatile boolean closed;

    /** A live catalog serving {@code index} (for one-generation uses such as tests and tools). */
    public static LiveCatalog of(CatalogIndex index) {
        LiveCatalog live = new LiveCatalog();
        live.publish(index);
        return live;
    }

    /**
     * A lease on the live generation.
     *
     * @throws CatalogUnavailableException when no generation is live (use {@link #tryAcquire} to tell)
     */
    public CatalogLease acquire() {
        CatalogLease lease = tryAcquire();
        if (lease == null) {
            throw new CatalogUnavailableException(closed ? "the catalog is closed" : "the catalog is still loading");
        }
        return lease;
    }

    /** A lease on the live generation, or {@code null} while none is (still loading, or closed). */
    public CatalogLease tryAcquire() {
        while (true) {
            Handle handle = live.get();
            if (handle == null) {
                return null;
            }
            if (handle.tryRetain()) {
                return new CatalogLease(handle);
            }
            // It was retired and closed between the read and the retain; the next read sees its successor.
            Thread.onSpinWait();
        }
    }

    /** The live generation's number, or -1. */
    public long generation() {
        Handle handle = live.get();
        return handle == null ? -1 : handle.index.generation();
    }

    /**
     * Runs {@code preparer} on every generation before it goes live (and at once on the live one), so that
     * what a reader needs of a generation (a model file, say) is loaded before the first request meets it.
     * A preparer must not throw.
     */
    public void prepareEach(Consumer<CatalogIndex> preparer) {
        preparers.add(preparer);
        try (CatalogLease lease = tryAcquire()) {
            if (lease != null) {
                preparer.accept(lease.index());
            }
        }
    }

    /**
     * Makes {@code next} the live generation, once every {@link #prepareEach} preparer has run on it. The one
     * it replaces is closed when its last lease is released.
     */
    public void publish(CatalogIndex next) {
        if (closed) {
            throw new IllegalStateException("the live catalog is closed");
        }
        preparers.forEach(preparer -> preparer.accept(next));
        Handle old = live.getAndSet(new Handle(next));
        if (old != null) {
            retired = old;
            old.release();
            LOG.info("generation {} is live (generation {} retired)", next.generation(), old.index.generation());
        } else {
            LOG.info("generation {} is live", next.generation());
        }
    }

    /**
     * Waits until the last retired generation, if it is {@code generation}, has been closed by its last
     * lease.
     *
     * @return false if it was still open after {@code timeout}
     */
    public boolean awaitRetiredClosed(long generation, Duration timeout) throws InterruptedException {
        Handle old = retired;
        if (old == null || old.index.generation() != generation) {
            return true;
        }
        return old.closedLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drops the live generation; it closes once in-flight queries have released it. */
    @Override
    public void close() {
        closed = true;
        Handle old = live.getAndSet(null);
        if (old != null) {
            old.release();
        }
    }

    static final class Handle {
        final CatalogIndex index;
        private final AtomicInteger references = new AtomicInteger(1);
        private final CountDownLatch closedLatch = new CountDownLatch(1);

        Handle(CatalogIndex index) {
            this.index = index;
        }

        boolean tryRetain() {
            while (true) {
                int n = references.get();
                if (n <= 0) {
                    return false;
                }
                if (references.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        void release() {
            int n = references.decrementAndGet();
            assert n >= 0 : "released more often than retained";
            if (n == 0) {
                try {
                    index.close();
                } catch (Exception e) {
                    LOG.warn("error closing generation {}: {}", index.generation(), e.toString());
                } finally {
                    closedLatch.countDown();
                }
            }
        }
    }
}
