package dev.recsys.index.catalog.sources;

import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Where a whole catalog comes from: a file in one of the supported formats, or a generator. A source is
 * a recipe, not a collection: it holds no items, and each {@link #read} is one full pass over the data,
 * so a reindex can read once to fit the embedder and again to index, in constant memory.
 */
public interface CatalogSource {

    /** What is read, for logs and job status, e.g. {@code "instacart products.csv (../shared/data/instacart-products)"}. */
    String description();

    /** Items expected (exact or estimated), or {@code -1} if unknown; for progress and ETA only. */
    long estimatedSize();

    /**
     * One full pass over the source; call again for another pass. Every item given to {@code items} is
     * valid against the catalog item contract. A bad record goes to {@code errors}, never throws.
     *
     * @throws IOException only when the source cannot be read at all (missing file, I/O failure)
     */
    void read(Consumer<CatalogItem> items, Consumer<LineError> errors) throws IOException;
}
