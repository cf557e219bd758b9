package dev.recsys.index.embed;

import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The built-in {@link TextEmbedder}: hashed word and character n-grams weighted by TF-IDF, L2-normalised.
 * Needs no model files and no network.
 *
 * <p>Text is lower-cased and folded to ASCII ({@code "Crème"} and {@code "creme"} agree). Words are runs of
 * letters and digits; single letters and English stop words are dropped. Each kept word yields
 *
 * <ul>
 *   <li>a word unigram (weight {@value #WORD_WEIGHT}),
 *   <li>a word bigram with the previous kept word of the same phrase (weight {@value #BIGRAM_WEIGHT});
 *       punctuation such as {@code , . ; : > |} ends a phrase, hyphens and spaces do not,
 *   <li>character 3- and 4-grams of the word padded as {@code <word>} (weight {@value #CHAR_WEIGHT} each),
 *       so {@code headphone} and {@code headphones} share most of their features.
 * </ul>
 *
 * Each feature is identified by a fixed, seeded 64-bit hash (FNV-1a over the UTF-16 code units, finished
 * with the murmur3 {@code fmix64} avalanche); a second mix of that id picks the bucket and a sign
 * ({@code +1}/{@code -1}), which makes colliding features cancel on average instead of piling up (the
 * "hashing trick" of Weinberger et al., 2009). A feature's weight is {@code (1 + ln tf) · idf · kindWeight}
 * with the smoothed {@code idf = ln((N + 1) / (df + 1)) + 1} learnt by {@link #fit}; features seen in fewer
 * than two documents of the corpus are not stored and get the idf of {@code df = 1}.
 *
 * <p>The hash, seed and weights are part of the vector format: changing them changes every vector, which
 * is a new catalog generation. Instances are immutable and thread-safe. The features come from {@link
 * NgramFeatures}; {@link EmbedderFile} is the saved form.
 */
public final class HashedNgramEmbedder implements TextEmbedder {
    public static final int DEFAULT_DIMENSION = 256;

    /** Largest dimension accepted; Lucene's HNSW vector formats index at most 1024 dimensions. */
    public static final int MAX_DIMENSION = 1024;

    /** Only the first this many characters of a text are embedded. */
    public static final int MAX_TEXT_LENGTH = 32_768;

    /** Longer words are cut to this many characters. */
    public static final int MAX_WORD_LENGTH = 40;

    public static final float WORD_WEIGHT = 1.0f;
    public static final float BIGRAM_WEIGHT = 0.7f;
    public static final float CHAR_WEIGHT = 0.5f;

    /** Salt of the second mix that maps a feature id to a bucket and a sign. */
    private static final long BUCKET_SALT = 0x2545_f491_4f6c_dd1dL;

    private final int dimension;
    private final int documentCount;
    /** Sorted ids of the features with a learnt idf. */
    private final long[] featureIds;

    private final float[] featureIdf;
    /** Idf of a feature not in {@link #featureIds}. */
    private final float unknownIdf;

    HashedNgramEmbedder(int dimension, int documentCount, long[] featureIds, float[] featureIdf) {
        this.dimension = checkDimension(dimension);
        this.documentCount = documentCount;
        this.featureIds = featureIds;
        this.featureIdf = featureIdf;
        this.unknownIdf = documentCount == 0 ? 1f : idf(documentCount, 1);
    }

    @Override
    public String textOf(CatalogItem item) {
        return itemText(item);
    }

    @Override
    public EmbedderSpec spec() {
        return EmbedderSpec.HASHED;
    }

    /** An embedder with every idf 1 (plain term frequencies), for tests and tiny catalogs. */
    public static HashedNgramEmbedder untrained(int dimension) {
        return new HashedNgramEmbedder(dimension, 0, new long[0], new float[0]);
    }

    /**
     * Learns document frequencies from {@code corpus} (one text per document, e.g. {@link #itemText} of
     * every catalog item). An empty corpus gives an {@link #untrained} embedder.
     *
     * @throws IllegalArgumentException if {@code dimension} is not in {@code [1, MAX_DIMENSION]} or the
     *     corpus contains a null text
     */
    public static HashedNgramEmbedder fit(Iterable<String> corpus, int dimension) {
        Objects.requireNonNull(corpus, "corpus");
        Fitter fitter = fitter(dimension);
        for (String text : corpus) {
            if (text == null) {
                throw new IllegalArgumentException("corpus document " + fitter.documents + " is null");
            }
            fitter.add(text);
        }
        return fitter.fit();
    }

    /**
     * A fitter that takes the corpus one text at a time, for corpora read in a streaming pass (a reindex
     * does not hold the catalog in memory). {@code fitter(d).add(t1) ... .fit()} equals {@code fit([t1, ...],
     * d)}. Its heap is the document-frequency table: one entry per distinct feature.
     *
     * @throws IllegalArgumentException if {@code dimension} is not in {@code [1, MAX_DIMENSION]}
     */
    public static Fitter fitter(int dimension) {
        checkDimension(dimension);
        return new Fitter(dimension);
    }

    /** Collects document frequencies; see {@link #fitter}. Not thread-safe. */
    public static final class Fitter {
        private final int dimension;
        private final Map<Long, int[]> documentFrequency = new HashMap<>();
        private final NgramFeatures.FeatureBuffer buffer = new NgramFeatures.FeatureBuffer();
        private int documents;

        private Fitter(int dimension) {
            this.dimension = dimension;
        }

        /** Counts the features of one document. */
        public Fitter add(String text) {
            Objects.requireNonNull(text, "text");
            documents++;
            buffer.clear();
            NgramFeatures.extract(text, buffer);
            long[] ids = buffer.sorted();
            for (int i = 0; i < buffer.size; i++) {
                if (i == 0 || ids[i] != ids[i - 1]) {
                    documentFrequency.computeIfAbsent(ids[i], id -> new int[1])[0]++;
                }
            }
            return this;
        }

        /** {@link #add} of {@link #itemText}. */
        public Fitter addItem(CatalogItem item) {
            return add(itemText(item));
        }

        /** Documents counted so far. */
        public int documents() {
            return documents;
        }

        /** The embedder learnt from the documents so far (an untrained one when there were none). */
        public HashedNgramEmbedder fit() {
            long[] kept = documentFrequency.entrySet().stream()
                    .filter(e -> e.getValue()[0] >= 2)
                    .mapToLong(Map.Entry::getKey)
                    .sorted()
                    .toArray();
            float[] idf = new float[kept.length];
            for (int i = 0; i < kept.length; i++) {
                idf[i] = idf(documents, documentFrequency.get(kept[i])[0]);
            }
            return new HashedNgramEmbedder(dimension, documents, kept, idf);
        }
    }

    /** {@link #fit} over the {@link #itemText} of each item. */
    public static HashedNgramEmbedder fitCatalog(Iterable<CatalogItem> items, int dimension) {
        Objects.requireNonNull(items, "items");
        Iterable<String> texts = () -> new Iterator<>() {
            private final Iterator<CatalogItem> inner = items.iterator();

            @Override
            public boolean hasNext() {
                return inner.hasNext();
            }

            @Override
            public String next() {
                return itemText(inner.next());
            }
        };
        return fit(texts, dimension);
    }

    /**
     * The text of an item that is embedded: the title twice (it says most about the product), the brand,
     * each category level, the tags and the description, separated so that no word bigram spans two
     * fields.
     */
    public static String itemText(CatalogItem item) {
        Objects.requireNonNull(item, "item");
        StringJoiner text = new StringJoiner(" .\n");
        text.add(item.title());
        text.add(item.title());
        if (!item.brand().isBlank()) {
            text.add(item.brand());
        }
        for (String level : item.category().split(">")) {
            if (!level.isBlank()) {
                text.add(level.strip());
            }
        }
        for (String tag : item.tags()) {
            text.add(tag);
        }
        if (!item.description().isBlank()) {
            text.add(item.description());
        }
        return text.toString();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** Number of documents the idf was learnt from (0 when untrained). */
    public int documentCount() {
        return documentCount;
    }

    /** Number of features with a learnt idf (those in at least two documents). */
    public int vocabularySize() {
        return featureIds.length;
    }

    @Override
    public float[] embed(String text) {
        Objects.requireNonNull(text, "text");
        NgramFeatures.FeatureBuffer buffer = new NgramFeatures.FeatureBuffer();
        NgramFeatures.extract(text, buffer);
        float[] out = new float[dimension];
        if (buffer.size == 0) {
            return out;
        }
        long[] ids = buffer.sorted();
        double[] sums = new double[dimension];
        int i = 0;
        while (i < buffer.size) {
            long id = ids[i];
            int run = i + 1;
            while (run < buffer.size && ids[run] == id) {
                run++;
            }
            int tf = run - i;
            double weight = (1 + Math.log(tf)) * idfOf(id) * NgramFeatures.kindWeight(id);
            long mixed = NgramFeatures.fmix64(id ^ BUCKET_SALT);
            int bucket = (int) ((mixed >>> 1) % dimension);
            sums[bucket] += (mixed & 1L) == 0 ? weight : -weight;
            i = run;
        }
        double norm = 0;
        for (double v : sums) {
            norm += v * v;
        }
        if (norm == 0) {
            return out;
        }
        norm = Math.sqrt(norm);
        for (int d = 0; d < dimension; d++) {
            out[d] = (float) (sums[d] / norm);
        }
        return out;
    }

    /** Writes the learnt state (dimension and idf table) so that {@link #read} restores an equal embedder. */
    public void write(Path file) throws IOException {
        EmbedderFile.write(file, dimension, documentCount, featureIds, featureIdf);
    }

    /** Reads an embedder written by {@link #write}. */
    public static HashedNgramEmbedder read(Path file) throws IOException {
        return EmbedderFile.read(file);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HashedNgramEmbedder that
                && dimension == that.dimension
                && documentCount == that.documentCount
                && Arrays.equals(featureIds, that.featureIds)
                && Arrays.equals(featureIdf, that.featureIdf);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dimension, documentCount, Arrays.hashCode(featureIds));
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "HashedNgramEmbedder(dimension=%d, documents=%d, vocabulary=%d)",
                dimension,
                documentCount,
                featureIds.length);
    }

    private float idfOf(long id) {
        int at = Arrays.binarySearch(featureIds, id);
        return at >= 0 ? featureIdf[at] : unknownIdf;
    }

    private static float idf(int documents, int documentFrequency) {
        return (float) (Math.log((documents + 1.0) / (documentFrequency + 1.0)) + 1.0);
    }

    private static int checkDimension(int dimension) {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException(
                    "dimension must be between 1 and " + MAX_DIMENSION + ", got " + dimension);
        }
        return dimension;
    }
}
