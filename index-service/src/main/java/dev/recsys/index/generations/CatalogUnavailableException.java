package dev.recsys.index.generations;

/**
 * No catalog generation is live: the first one is still being built or opened, or the service is
 * closing. A query cannot be answered yet; the HTTP layer says so with a 503.
 */
public final class CatalogUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    CatalogUnavailableException(String message) {
        super(message);
    }
}
