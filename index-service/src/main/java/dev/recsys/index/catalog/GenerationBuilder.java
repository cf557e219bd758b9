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
    private int seqDimension;
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
        add(item, cf, null);
    }

    @Override
    public void add(CatalogItem item, float[] cf, float[] seq) throws IOException {
        Objects.requireNonNull(item, "item");
        if (done) {
            throw new IllegalStateException("the builder is finished");
        }
        cfDimension = checkedDimension(item, "a CF vector", cf, cfDimension);
        seqDimension = checkedDimension(item, "a sequence model embedding", seq, seqDimension);
        CatalogItem valid = ItemDocuments.validated(item);
        writer.updateDocument(
                CatalogSchema.idTerm(valid.itemId()),
                CatalogSchema.document(valid, ItemDocuments.contentOf(valid, embedder), cf, seq));
        added++;
    }

    /** The dimension the generation's vectors of one kind have: the first one's, which every later one must match. */
    private static int checkedDimension(CatalogItem item, String what, float[] vector, int dimension) {
        if (vector == null) {
            return dimension;
        }
        if (dimension != 0 && vector.length != dimension) {
            throw new IllegalArgumentException("item '" + item.itemId() + "' has " + what + " of dimension "
                    + vector.length + ", earlier items " + dimension);
        }
        return vector.length;
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
        if (seqDimension > 0) {
            data.put(GenerationFormat.SEQ_DIMENSION_KEY, Integer.toString(seqDimension));
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
