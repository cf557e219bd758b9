package dev.recsys.index.catalog.sources;

import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.ranker.records.CatalogItem;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code count} synthetic items from {@link SampleCatalog#stream}: constant memory, deterministic in
 * {@code count} and {@code seed}, every pass the same. For benchmarks and demos at any size.
 */
final class GeneratedSource implements CatalogSource {
    private final long count;
    private final long seed;

    GeneratedSource(long count, long seed) {
        if (count < 0 || count > SampleCatalog.MAX_STREAM_COUNT) {
            throw new IllegalArgumentException(
                    "count must be between 0 and " + SampleCatalog.MAX_STREAM_COUNT + ", got " + count);
        }
        this.count = count;
        this.seed = seed;
    }

    @Override
    public String description() {
        return "generated sample catalog (" + count + " items, seed " + seed + ")";
    }

    @Override
    public long estimatedSize() {
        return count;
    }

    @Override
    public void read(Consumer<CatalogItem> items, Consumer<LineError> errors) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(errors, "errors");
        SampleCatalog.stream(count, seed, items);
    }

    @Override
    public String toString() {
        return description();
    }
}
