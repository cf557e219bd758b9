package dev.recsys.index.catalog;

import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * How a {@link CatalogIndex} builds its vector graph and buffers documents.
 *
 * @param maxConn HNSW neighbours per node (Lucene's {@code M}); more gives better recall and a bigger,
 *     slower-to-build graph. Default {@value #DEFAULT_MAX_CONN}.
 * @param beamWidth candidates kept while inserting a node ({@code efConstruction}); more gives a better
 *     graph and slower indexing. Default {@value #DEFAULT_BEAM_WIDTH}.
 * @param quantized whether the graph is searched over int8 scalar-quantised vectors (about 4x less
 *     memory for the vectors searched, slightly lower recall); raw floats are kept either way. Pays off
 *     for catalogs whose vectors no longer fit in the page cache. Default false.
 * @param ramBufferMb indexing buffer before a segment is flushed; a built generation is merged into one
 *     segment (one graph, which searches fastest) at the end, and a catalog that fits in one buffer needs
 *     no merge. Default {@value #DEFAULT_RAM_BUFFER_MB}.
 */
public record IndexSettings(int maxConn, int beamWidth, boolean quantized, double ramBufferMb) {
    /**
     * Lucene's own defaults (16, 100) gave recall@10 of 0.93-0.94 against exact search on the
     * Instacart and generated catalogs; (32, 200) gave 0.98-0.99 at the same query latency for about
     * 1.5x the build time (docs/BENCHMARKS.md, {@code bench/knn-recall.sh}).
     */
    public static final int DEFAULT_MAX_CONN = 32;

    public static final int DEFAULT_BEAM_WIDTH = 200;
    public static final double DEFAULT_RAM_BUFFER_MB = 256;

    public static final IndexSettings DEFAULTS =
            new IndexSettings(DEFAULT_MAX_CONN, DEFAULT_BEAM_WIDTH, false, DEFAULT_RAM_BUFFER_MB);

    public IndexSettings {
        if (maxConn < 1 || maxConn > Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN) {
            throw new IllegalArgumentException(
                    "maxConn must be between 1 and " + Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN + ", got " + maxConn);
        }
        if (beamWidth < 1 || beamWidth > Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH) {
            throw new IllegalArgumentException("beamWidth must be between 1 and "
                    + Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH + ", got " + beamWidth);
        }
        if (!(ramBufferMb >= 1 && ramBufferMb <= 2048)) {
            throw new IllegalArgumentException("ramBufferMb must be between 1 and 2048, got " + ramBufferMb);
        }
    }

    public IndexSettings withHnsw(int maxConn, int beamWidth) {
        return new IndexSettings(maxConn, beamWidth, quantized, ramBufferMb);
    }

    public IndexSettings withQuantized(boolean quantized) {
        return new IndexSettings(maxConn, beamWidth, quantized, ramBufferMb);
    }
}
