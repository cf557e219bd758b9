package dev.recsys.index.catalog;

import dev.recsys.index.embed.TextEmbedder;
import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * The {@link CatalogIndex.Builder} of a new generation: a Lucene writer in a fresh directory that validates
 * and embeds each item, tracks the CF dimension, and at the end merges to one segment and commits the
 * generation's keys. Apart from {@link CatalogIndex}, which is the generation once it is written.
 */
final class GenerationBuilder implements CatalogIndex.Builder {
    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final TextEmbedder embedder;
    private final long generation;
    private final Analyzer analyzer;
    private long added;
    private int cfDimension;
    private boolean done;

    private GenerationBuilder(
            Path path,
            Directory directory,
            IndexWriter writer,
            TextEmbedder embedder,
            long generation,
            Analyzer analyzer) {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.embedder = embedder;
        this.generation = generation;
        this.analyzer = analyzer;
    }

    /** See {@link CatalogIndex#builder}. */
    static GenerationBuilder create(Path directory, TextEmbedder embedder, long generation, IndexSettings settings)
            throws IOException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(embedder, "embedder");
        Objects.requireNonNull(settings, "settings");
        if (generation < 0) {
            throw new IllegalArgumentException("generation must be >= 0, got " + generation);
        }
        GenerationFormat.createEmpty(directory);
        Directory dir = FSDirectory.open(directory);
        try {
            Analyzer analyzer = CatalogSchema.analyzer();
            IndexWriter writer = GenerationFormat.writer(dir, analyzer, settings, IndexWriterConfig.OpenMode.CREATE);
            return new GenerationBuilder(directory, dir, writer, embedder, generation, analyzer);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(dir);
            throw e;
        }
    }

    @Override
    public void add(CatalogItem item, float[] cf) throws IOException {
        Objects.requireNonNull(item, "item");
        if (done) {
            throw new IllegalStateException("the builder is finished");
        }
        if (cf != null) {
            if (cfDimension == 0) {
                cfDimension = cf.length;
            } else if (cf.length != cfDimension) {
                throw new IllegalArgumentException("item '" + item.itemId() + "' has a CF vector of dimension "
                        + cf.length + ", earlier items " + cfDimension);
            }
        }
        CatalogItem valid = ItemDocuments.validated(item);
        writer.updateDocument(
                CatalogSchema.idTerm(valid.itemId()),
                CatalogSchema.document(valid, ItemDocuments.contentOf(valid, embedder), cf));
        added++;
    }

    @Override
    public long added() {
        return added;
    }

    @Override
    public CatalogIndex finish(Map<String, String> commitData) throws IOException {
        Objects.requireNonNull(commitData, "commitData");
        if (done) {
            throw new IllegalStateException("the builder is finished");
        }
        Map<String, String> data = new TreeMap<>(commitData);
        data.put(GenerationFormat.GENERATION_KEY, Long.toString(generation));
        data.put(GenerationFormat.DIMENSION_KEY, Integer.toString(embedder.dimension()));
        data.put(GenerationFormat.EMBEDDER_KEY, embedder.spec().id());
        if (cfDimension > 0) {
            data.put(GenerationFormat.CF_DIMENSION_KEY, Integer.toString(cfDimension));
        }
        writer.forceMerge(1);
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        done = true;
        try {
            return new CatalogIndex(path, directory, writer, embedder, generation, analyzer);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(writer, directory);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            try {
                writer.rollback();
            } finally {
                directory.close();
            }
        }
    }
}
