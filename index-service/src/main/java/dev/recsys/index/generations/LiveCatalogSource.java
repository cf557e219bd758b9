package dev.recsys.index.generations;

import dev.recsys.index.catalog.sources.CatalogSource;
import dev.recsys.index.catalog.sources.LineError;
import dev.recsys.ranker.records.CatalogItem;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The catalog as it is served now: every item of the live generation, with the catalog-topic changes
 * applied to it. Rebuilding from it keeps the catalog and changes only what the build adds (trained CF
 * factors, a new embedder fit).
 *
 * <p>Each pass refreshes the live generation first. The reindex notes the topic follower's position
 * before its first pass, and the follower moves its position only after applying a record, so a pass
 * sees at least every record before that position; records after it are replayed by the catch-up,
 * where applying one twice is harmless.
 */
final class LiveCatalogSource implements CatalogSource {
    private final LiveCatalog live;

    LiveCatalogSource(LiveCatalog live) {
        this.live = Objects.requireNonNull(live, "live");
    }

    @Override
    public String description() {
        return "the live catalog (generation " + live.generation() + ")";
    }

    @Override
    public long estimatedSize() {
        try (CatalogLease lease = live.tryAcquire()) {
            return lease == null ? -1 : lease.index().size();
        }
    }

    @Override
    public void read(Consumer<CatalogItem> items, Consumer<LineError> errors) {
        try (CatalogLease lease = live.acquire()) {
            lease.index().refresh();
            lease.index().forEach((item, content) -> items.accept(item));
        }
    }
}
