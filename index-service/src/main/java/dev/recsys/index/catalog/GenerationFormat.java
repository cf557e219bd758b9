package dev.recsys.index.catalog;

import dev.recsys.index.embed.TextEmbedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * What makes a Lucene directory a catalog generation: the keys its commit carries (generation number,
 * content and CF vector dimensions) and the writer every generation is written with, whether a build
 * creates it in a fresh directory or a restart opens it again ({@link #open}).
 */
final class GenerationFormat {
    static final String GENERATION_KEY = "recsys.generation";
    static final String DIMENSION_KEY = "recsys.dimension";
    static final String CF_DIMENSION_KEY = "recsys.cfDimension";
    static final String SEQ_DIMENSION_KEY = "recsys.seqDimension";
    /** The embedder's {@link dev.recsys.index.embed.EmbedderSpec#id}; absent in generations built before it was recorded (all hashed). */
    static final String EMBEDDER_KEY = "recsys.embedder";

    private GenerationFormat() {}

    /**
     * Creates {@code directory} for a new generation unless it exists.
     *
     * @throws IllegalArgumentException if it exists and is not empty
     */
    static void createEmpty(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("catalog directory " + directory
                            + " is not empty; each generation is built into a fresh one");
                }
            }
        }
        Files.createDirectories(directory);
    }

    /**
     * The commit user data of the generation in {@code dir}, checked to be a catalog generation built by
     * {@code embedder} at its dimension.
     *
     * @throws IllegalArgumentException if there is no catalog index at {@code path}, or it was built by
     *     another embedder or at another dimension (both named)
     */
    static Map<String, String> committed(Directory dir, Path path, TextEmbedder embedder) throws IOException {
        if (!DirectoryReader.indexExists(dir)) {
            throw new IllegalArgumentException("no catalog index at " + path);
        }
        Map<String, String> userData = SegmentInfos.readLatestCommit(dir).getUserData();
        String generation = userData.get(GENERATION_KEY);
        String committedDimension = userData.get(DIMENSION_KEY);
        if (generation == null || committedDimension == null) {
            throw new IllegalArgumentException(path + " is a Lucene index but not a catalog index");
        }
        String committedEmbedder = userData.getOrDefault(EMBEDDER_KEY, "hashed");
        if (Integer.parseInt(committedDimension) != embedder.dimension()
                || !committedEmbedder.equals(embedder.spec().id())) {
            throw new IllegalArgumentException("catalog index at " + path + " was built by " + committedEmbedder
                    + " with " + committedDimension + " dimensions; it cannot be read with "
                    + embedder.spec().id()
                    + " with " + embedder.dimension() + " dimensions");
        }
        return userData;
    }

    /** A writer on {@code dir} with the codec and indexing buffer of {@code settings}. */
    static IndexWriter writer(Directory dir, Analyzer analyzer, IndexSettings settings, IndexWriterConfig.OpenMode mode)
            throws IOException {
        return new IndexWriter(
                dir,
                new IndexWriterConfig(analyzer)
                        .setOpenMode(mode)
                        .setCodec(codec(settings))
                        .setRAMBufferSizeMB(settings.ramBufferMb())
                        .setCommitOnClose(true));
    }

    /**
     * The current default codec with the HNSW parameters of {@code settings} for vector fields. It keeps the
     * default codec's name, so reading needs no extra codec registration: HNSW parameters matter only
     * when writing.
     */
    static Codec codec(IndexSettings settings) {
        KnnVectorsFormat format = settings.quantized()
                ? new Lucene104HnswScalarQuantizedVectorsFormat(settings.maxConn(), settings.beamWidth())
                : new Lucene99HnswVectorsFormat(settings.maxConn(), settings.beamWidth());
        return new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }

    /** Opens the generation at {@code directory}; see {@link CatalogIndex#open(Path, TextEmbedder, IndexSettings)}. */
    static CatalogIndex open(Path directory, TextEmbedder embedder, IndexSettings settings) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(embedder, "embedder");
        Objects.requireNonNull(settings, "settings");
        Directory dir = FSDirectory.open(directory);
        IndexWriter writer = null;
        try {
            Map<String, String> userData = committed(dir, directory, embedder);
            Analyzer analyzer = CatalogSchema.analyzer();
            writer = writer(dir, analyzer, settings, IndexWriterConfig.OpenMode.APPEND);
            writer.setLiveCommitData(userData.entrySet());
            long generation = Long.parseLong(userData.get(GENERATION_KEY));
            return new CatalogIndex(directory, dir, writer, embedder, generation, analyzer);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(writer, dir);
            throw e;
        }
    }

    /** Bytes of the files in {@code directory} (at {@code path}, for the message) now. */
    static long bytesOnDisk(Directory directory, Path path) {
        long total = 0;
        try {
            for (String file : directory.listAll()) {
                try {
                    total += directory.fileLength(file);
                } catch (java.nio.file.NoSuchFileException e) {
                    // merged away while counting
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
        return total;
    }
}
