package dev.recsys.index.embed;

import dev.recsys.ranker.records.CatalogItem;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

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
 * is a new catalog generation. Instances are immutable and thread-safe.
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

    /** Seed of the feature hash; part of the vector format. */
    static final long HASH_SEED = 0x7f4a_7c15_9e37_79b9L;

    /** Salt of the second mix that maps a feature id to a bucket and a sign. */
    private static final long BUCKET_SALT = 0x2545_f491_4f6c_dd1dL;

    private static final int KIND_WORD = 1;
    private static final int KIND_BIGRAM = 2;
    private static final int KIND_CHAR = 3;

    private static final long FNV_PRIME = 0x100000001b3L;
    private static final int FILE_MAGIC = 0x48_4e_47_45; // "HNGE"
    private static final int FILE_VERSION = 1;

    private static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

    private final int dimension;
    private final int documentCount;
    /** Sorted ids of the features with a learnt idf. */
    private final long[] featureIds;

    private final float[] featureIdf;
    /** Idf of a feature not in {@link #featureIds}. */
    private final float unknownIdf;

    private HashedNgramEmbedder(int dimension, int documentCount, long[] featureIds, float[] featureIdf) {
        this.dimension = checkDimension(dimension);
        this.documentCount = documentCount;
        this.featureIds = featureIds;
        this.featureIdf = featureIdf;
        this.unknownIdf = documentCount == 0 ? 1f : idf(documentCount, 1);
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
        private final FeatureBuffer buffer = new FeatureBuffer();
        private int documents;

        private Fitter(int dimension) {
            this.dimension = dimension;
        }

        /** Counts the features of one document. */
        public Fitter add(String text) {
            Objects.requireNonNull(text, "text");
            documents++;
            buffer.clear();
            extractFeatures(text, buffer);
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
        FeatureBuffer buffer = new FeatureBuffer();
        extractFeatures(text, buffer);
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
            double weight = (1 + Math.log(tf)) * idfOf(id) * kindWeight(id);
            long mixed = fmix64(id ^ BUCKET_SALT);
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
        try (OutputStream raw = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
            out.writeInt(FILE_MAGIC);
            out.writeInt(FILE_VERSION);
            out.writeInt(dimension);
            out.writeInt(documentCount);
            out.writeInt(featureIds.length);
            for (int i = 0; i < featureIds.length; i++) {
                out.writeLong(featureIds[i]);
                out.writeFloat(featureIdf[i]);
            }
        }
    }

    /** Reads an embedder written by {@link #write}. */
    public static HashedNgramEmbedder read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            if (in.readInt() != FILE_MAGIC) {
                throw new IOException(file + " is not a hashed n-gram embedder file");
            }
            int version = in.readInt();
            if (version != FILE_VERSION) {
                throw new IOException(file + " has unsupported version " + version);
            }
            int dimension = in.readInt();
            int documents = in.readInt();
            int features = in.readInt();
            if (dimension < 1 || dimension > MAX_DIMENSION || documents < 0 || features < 0) {
                throw new IOException(file + " is corrupt");
            }
            long[] ids = new long[features];
            float[] idf = new float[features];
            for (int i = 0; i < features; i++) {
                ids[i] = in.readLong();
                idf[i] = in.readFloat();
                if (i > 0 && ids[i] <= ids[i - 1]) {
                    throw new IOException(file + " is corrupt: feature ids not sorted");
                }
            }
            return new HashedNgramEmbedder(dimension, documents, ids, idf);
        }
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

    private static float kindWeight(long id) {
        return switch ((int) (id & 3L)) {
            case KIND_WORD -> WORD_WEIGHT;
            case KIND_BIGRAM -> BIGRAM_WEIGHT;
            default -> CHAR_WEIGHT;
        };
    }

    private static int checkDimension(int dimension) {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException(
                    "dimension must be between 1 and " + MAX_DIMENSION + ", got " + dimension);
        }
        return dimension;
    }

    // ---- feature extraction ------------------------------------------------------------------

    /** Appends the id of every feature occurrence of {@code text} to {@code out}. */
    static void extractFeatures(String text, FeatureBuffer out) {
        String cut = text.length() > MAX_TEXT_LENGTH ? text.substring(0, MAX_TEXT_LENGTH) : text;
        char[] lower = cut.toLowerCase(Locale.ROOT).toCharArray();
        // ASCII folding writes at most four characters per input character.
        char[] chars = new char[lower.length * 4];
        int length = ASCIIFoldingFilter.foldToASCII(lower, 0, chars, 0, lower.length);
        int previousStart = -1;
        int previousEnd = -1;
        int i = 0;
        while (i < length) {
            char c = chars[i];
            if (!Character.isLetterOrDigit(c)) {
                if (isPhraseBreak(c)) {
                    previousStart = -1;
                }
                i++;
                continue;
            }
            int start = i;
            while (i < length && Character.isLetterOrDigit(chars[i])) {
                chars[i] = Character.toLowerCase(chars[i]); // folding can produce upper case
                i++;
            }
            int end = Math.min(i, start + MAX_WORD_LENGTH);
            if (!isKept(chars, start, end)) {
                continue;
            }
            out.add(finish(update(start(KIND_WORD), chars, start, end), KIND_WORD));
            if (previousStart >= 0) {
                long h = update(start(KIND_BIGRAM), chars, previousStart, previousEnd);
                h = update(h, ' ');
                out.add(finish(update(h, chars, start, end), KIND_BIGRAM));
            }
            addCharNgrams(chars, start, end, 3, out);
            addCharNgrams(chars, start, end, 4, out);
            previousStart = start;
            previousEnd = end;
        }
    }

    private static boolean isKept(char[] chars, int start, int end) {
        int length = end - start;
        if (length == 1 && !Character.isDigit(chars[start])) {
            return false;
        }
        return !STOP_WORDS.contains(chars, start, length);
    }

    /** Characters that end a phrase: everything but white space and in-word joiners. */
    private static boolean isPhraseBreak(char c) {
        return !(Character.isWhitespace(c) || c == '-' || c == '\'' || c == '\u2019' || c == '&' || c == '+');
    }

    /** The n-grams of {@code <word>}, where {@code <} and {@code >} mark the word's edges. */
    private static void addCharNgrams(char[] chars, int start, int end, int n, FeatureBuffer out) {
        int padded = end - start + 2;
        for (int from = 0; from + n <= padded; from++) {
            long h = start(KIND_CHAR);
            h = update(h, (char) ('0' + n));
            for (int p = from; p < from + n; p++) {
                char c = p == 0 ? '<' : p == padded - 1 ? '>' : chars[start + p - 1];
                h = update(h, c);
            }
            out.add(finish(h, KIND_CHAR));
        }
    }

    private static long start(int kind) {
        return 0xcbf29ce484222325L ^ HASH_SEED ^ (kind * 0x9E3779B97F4A7C15L);
    }

    private static long update(long h, char c) {
        return (h ^ c) * FNV_PRIME;
    }

    private static long update(long h, char[] chars, int start, int end) {
        for (int i = start; i < end; i++) {
            h = (h ^ chars[i]) * FNV_PRIME;
        }
        return h;
    }

    /** The feature id: the avalanched hash with its two low bits replaced by the feature kind. */
    private static long finish(long h, int kind) {
        return (fmix64(h) & ~3L) | kind;
    }

    /** The murmur3 64-bit finaliser. */
    static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /** A growable list of feature ids, local to one call. */
    static final class FeatureBuffer {
        private long[] ids = new long[256];
        int size;

        void add(long id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }

        void clear() {
            size = 0;
        }

        /** The ids sorted in place; valid up to {@link #size}. */
        long[] sorted() {
            Arrays.sort(ids, 0, size);
            return ids;
        }
    }
}
