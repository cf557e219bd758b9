package dev.recsys.index.embed;

import java.util.Arrays;
import java.util.Locale;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

/**
 * The features of a text for {@link HashedNgramEmbedder}, as 64-bit ids: tokenisation (lower case, ASCII
 * folding, words, phrase breaks, stop words) and the seeded hashing of word unigrams, bigrams and
 * character 3- and 4-grams. The two low bits of an id are the feature's kind. Apart from the embedder
 * because this is the text side of the vector format, and the embedder the weighting and vector maths.
 */
final class NgramFeatures {
    /** Seed of the feature hash; part of the vector format. */
    static final long HASH_SEED = 0x7f4a_7c15_9e37_79b9L;

    private static final int KIND_WORD = 1;
    private static final int KIND_BIGRAM = 2;
    private static final int KIND_CHAR = 3;

    private static final long FNV_PRIME = 0x100000001b3L;

    private static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

    private NgramFeatures() {}

    /** The weight of a feature's kind, read from the low bits of its id. */
    static float kindWeight(long id) {
        return switch ((int) (id & 3L)) {
            case KIND_WORD -> HashedNgramEmbedder.WORD_WEIGHT;
            case KIND_BIGRAM -> HashedNgramEmbedder.BIGRAM_WEIGHT;
            default -> HashedNgramEmbedder.CHAR_WEIGHT;
        };
    }

    /** Appends the id of every feature occurrence of {@code text} to {@code out}. */
    static void extract(String text, FeatureBuffer out) {
        String cut = text.length() > HashedNgramEmbedder.MAX_TEXT_LENGTH
                ? text.substring(0, HashedNgramEmbedder.MAX_TEXT_LENGTH)
                : text;
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
            int end = Math.min(i, start + HashedNgramEmbedder.MAX_WORD_LENGTH);
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
