package dev.recsys.index.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.IOUtils;

/**
 * The Lucene side of an open {@link CatalogIndex}: its directory, its writer with the live commit data,
 * and the near-real-time searchers, each I/O failure turned into an {@link UncheckedIOException} saying
 * what failed. Apart from the catalog index, which says what the documents mean.
 */
final class LuceneGeneration {
    /** A read on one searcher. */
    @FunctionalInterface
    interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    LuceneGeneration(Path path, Directory directory, IndexWriter writer) throws IOException {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, true, false, new SearcherFactory());
    }

    <T> T withSearcher(SearcherFunction<T> function) {
        IndexSearcher searcher = acquire();
        try {
            return function.apply(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("catalog index read failed at " + path, e);
        } finally {
            release(searcher);
        }
    }

    IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            // Releasing only closes a reader nobody uses any more; nothing to recover.
            throw new UncheckedIOException(e);
        }
    }

    long bytesOnDisk() {
        return GenerationFormat.bytesOnDisk(directory, path);
    }

    /** The commit user data the next commit writes. */
    Map<String, String> commitData() {
        Map<String, String> data = new TreeMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(e -> data.put(e.getKey(), e.getValue()));
        }
        return data;
    }

    synchronized void putCommitData(Map<String, String> entries) {
        Objects.requireNonNull(entries, "entries");
        Map<String, String> data = commitData();
        data.putAll(entries);
        writer.setLiveCommitData(data.entrySet());
    }

    void update(String itemId, Document document) {
        try {
            writer.updateDocument(CatalogSchema.idTerm(itemId), document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index item " + itemId, e);
        }
    }

    void delete(String itemId) {
        try {
            writer.deleteDocuments(CatalogSchema.idTerm(itemId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete item " + itemId, e);
        }
    }

    void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh the catalog searcher", e);
        }
    }

    void commit() {
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the catalog index", e);
        }
    }

    void close() throws IOException {
        IOUtils.close(searchers, writer, directory);
    }
}
