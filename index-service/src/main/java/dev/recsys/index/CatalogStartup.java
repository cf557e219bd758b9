package dev.recsys.index;

import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.index.catalog.sources.CatalogSource;
import dev.recsys.index.catalog.sources.CatalogSources;
import dev.recsys.index.catalog.sources.LineError;
import dev.recsys.index.generations.GenerationStore;
import dev.recsys.index.generations.LiveCatalog;
import dev.recsys.index.generations.ReindexJob;
import dev.recsys.index.generations.Reindexer;
import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog step of the start-up: incomplete and stale generation directories are deleted, then the
 * CURRENT generation is opened as it is (no rebuild), and only when there is none is the first
 * generation built from {@code --catalog} or the demo's sample catalog. Kept apart from the wiring in
 * {@link IndexService} because it is the one step with a decision to make.
 */
final class CatalogStartup {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogStartup.class);

    private final ServiceConfig config;
    private final GenerationStore generations;
    private final LiveCatalog live;
    private final Reindexer reindexer;

    CatalogStartup(ServiceConfig config, GenerationStore generations, LiveCatalog live, Reindexer reindexer) {
        this.config = config;
        this.generations = generations;
        this.live = live;
        this.reindexer = reindexer;
    }

    /**
     * Makes a generation live; returns the generated sample catalog when the demo runs without {@code
     * --catalog} (the shopper simulator uses the same items), {@code null} otherwise.
     *
     * @throws IllegalArgumentException when the first generation cannot be built from the catalog
     */
    List<CatalogItem> makeLive() throws IOException {
        long began = System.nanoTime();
        List<Long> deleted = generations.cleanUp();
        if (!deleted.isEmpty()) {
            LOG.info("deleted incomplete or old generations {}", deleted);
        }
        OptionalLong current = generations.current();
        List<CatalogItem> demoItems = config.demo() && config.catalog() == null ? sampleItems() : null;
        if (current.isPresent() && generations.isReady(current.getAsLong())) {
            CatalogIndex opened = generations.open(current.getAsLong());
            live.publish(opened);
            LOG.info(
                    "opened generation {} ({} items, {}) in {} ms",
                    current.getAsLong(),
                    opened.size(),
                    opened.embedder().spec(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            if (!opened.embedder().spec().equals(config.embedder())) {
                LOG.info(
                        "generation {} was built with {}; --embedder {} applies to the next reindex",
                        current.getAsLong(),
                        opened.embedder().spec(),
                        config.embedder());
            }
        } else {
            buildFirst(demoItems, began);
        }
        return demoItems;
    }

    private void buildFirst(List<CatalogItem> demoItems, long began) throws IOException {
        CatalogSource source = config.catalog() != null
                ? CatalogSources.open(CatalogSources.JSONL, config.catalog())
                : listSource(
                        demoItems,
                        "sample catalog (" + demoItems.size() + " items, seed " + ServiceConfig.DEMO_CATALOG_SEED
                                + ")");
        // The first generation is strict, as a catalog file always was: any bad line stops the start.
        ReindexJob job = reindexer.runNow(source, 0);
        if (job.phase() != ReindexJob.Phase.SUCCEEDED) {
            throw new IllegalArgumentException("catalog " + source.description() + ": " + job.failure());
        }
        LOG.info(
                "indexed {} items as generation {} in {} ms",
                job.indexed(),
                job.generation(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    private static List<CatalogItem> sampleItems() {
        List<CatalogItem> items =
                SampleCatalog.generate(ServiceConfig.DEMO_CATALOG_SIZE, ServiceConfig.DEMO_CATALOG_SEED);
        LOG.info("generated a sample catalog of {} items (seed {})", items.size(), ServiceConfig.DEMO_CATALOG_SEED);
        return items;
    }

    /** A source over items already in memory (the demo's sample catalog, which the simulator also uses). */
    static CatalogSource listSource(List<CatalogItem> items, String description) {
        return new CatalogSource() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public long estimatedSize() {
                return items.size();
            }

            @Override
            public void read(Consumer<CatalogItem> out, Consumer<LineError> errors) {
                items.forEach(out);
            }
        };
    }
}
