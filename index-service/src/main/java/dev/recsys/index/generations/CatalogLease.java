package dev.recsys.index.generations;

import dev.recsys.index.catalog.CatalogIndex;

/**
 * A query's hold on one catalog generation, from {@link LiveCatalog#acquire}: the generation stays open
 * until every lease on it is closed, even when a newer one has been published meanwhile. Close it in a
 * try-with-resources block; closing twice is harmless. Not for sharing between threads.
 */
public final class CatalogLease implements AutoCloseable {
    private final LiveCatalog.Handle handle;
    private boolean closed;

    CatalogLease(LiveCatalog.Handle handle) {
        this.handle = handle;
    }

    /** The generation this lease holds open. */
    public CatalogIndex index() {
        if (closed) {
            throw new IllegalStateException("the lease was closed");
        }
        return handle.index;
    }

    public long generation() {
        return handle.index.generation();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            handle.release();
        }
    }
}
