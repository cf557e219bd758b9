package dev.recsys.index.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The BERT WordPiece tokenizer of a Hugging Face {@code tokenizer.json}, in plain Java: the vocabulary and
 * the normaliser flags are read from the file, the algorithm is that of the {@code tokenizers} library's
 * {@code BertNormalizer}, {@code BertPreTokenizer}, {@code WordPiece} model and {@code [CLS] … [SEP]}
 * template, so the ids are those the model was trained with.
 *
 * <ol>
 *   <li>Normalise (per the file's flags): drop NUL, U+FFFD and control characters, turn white space into
 *       spaces; put spaces around CJK ideographs; decompose (NFD) and drop non-spacing marks ({@code é} to
 *       {@code e}); lower-case.
 *   <li>Split on white space, and make every punctuation character (ASCII punctuation and the Unicode
 *       {@code P*} categories) a word of its own.
 *   <li>Each word becomes the longest vocabulary pieces from its start ({@code ##} marks a piece that
 *       continues a word); a word with no such split, or longer than {@code max_input_chars_per_word}, is
 *       {@code [UNK]}.
 *   <li>{@code [CLS]} before and {@code [SEP]} after; word pieces beyond {@code maxTokens - 2} are cut
 *       (right truncation, as the library's {@code LongestFirst} strategy does for one sequence).
 * </ol>
 *
 * Tokenization stops as soon as the limit is reached, so a very long text costs no more than its first
 * words. One deliberate difference: the library first matches special tokens written in the input (the
 * text {@code "[MASK]"} becomes the mask token); here they are plain text, so catalog content cannot inject
 * control tokens. Instances are immutable and thread-safe.
 */
final class WordPieceTokenizer {
    private final Map<String, Integer> vocabulary;
    private final int unknownId;
    private final int clsId;
    private final int sepId;
    private final int maxCharsPerWord;
    private final String continuingPrefix;
    private final boolean cleanText;
    private final boolean chineseChars;
    private final boolean stripAccents;
    private final boolean lowercase;

    private WordPieceTokenizer(JsonNode root, String source) throws IOException {
        JsonNode model = root.path("model");
        if (!"WordPiece".equals(model.path("type").asText())) {
            throw new IOException(source + ": not a WordPiece tokenizer (model.type " + model.path("type") + ")");
        }
        String preTokenizer = root.path("pre_tokenizer").path("type").asText();
        if (!"BertPreTokenizer".equals(preTokenizer)) {
            throw new IOException(source + ": pre-tokenizer " + preTokenizer + " is not BertPreTokenizer");
        }
        JsonNode normalizer = root.path("normalizer");
        if (!"BertNormalizer".equals(normalizer.path("type").asText())) {
            throw new IOException(source + ": normalizer " + normalizer.path("type") + " is not BertNormalizer");
        }
        Map<String, Integer> vocab = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : model.path("vocab").properties()) {
            vocab.put(entry.getKey(), entry.getValue().asInt());
        }
        if (vocab.isEmpty()) {
            throw new IOException(source + ": empty vocabulary");
        }
        this.vocabulary = Map.copyOf(vocab);
        this.unknownId = idOf(model.path("unk_token").asText("[UNK]"), source);
        this.clsId = idOf("[CLS]", source);
        this.sepId = idOf("[SEP]", source);
        this.maxCharsPerWord = model.path("max_input_chars_per_word").asInt(100);
        this.continuingPrefix = model.path("continuing_subword_prefix").asText("##");
        this.cleanText = normalizer.path("clean_text").asBoolean(true);
        this.chineseChars = normalizer.path("handle_chinese_chars").asBoolean(true);
        this.lowercase = normalizer.path("lowercase").asBoolean(true);
        // The library strips accents when the flag is null and the text is lower-cased.
        JsonNode strip = normalizer.path("strip_accents");
        this.stripAccents = strip.isBoolean() ? strip.asBoolean() : lowercase;
    }

    /** Reads a {@code tokenizer.json} from the class path. */
    static WordPieceTokenizer fromResource(String resource) throws IOException {
        Objects.requireNonNull(resource, "resource");
        try (InputStream in = WordPieceTokenizer.class.getResourceAsStream(absolute(resource))) {
            if (in == null) {
                throw new IOException("tokenizer " + resource + " is not on the class path");
            }
            return new WordPieceTokenizer(new ObjectMapper().readTree(in), resource);
        }
    }

    static String absolute(String resource) {
        return resource.startsWith("/") ? resource : "/" + resource;
    }

    /** Number of entries in the vocabulary. */
    int vocabularySize() {
        return vocabulary.size();
    }

    /** The id of a vocabulary token, or -1. */
    int id(String token) {
        return vocabulary.getOrDefault(token, -1);
    }

    int clsId() {
        return clsId;
    }

    int sepId() {
        return sepId;
    }

    int unknownId() {
        return unknownId;
    }

    /**
     * The ids of {@code text}: {@code [CLS]}, at most {@code maxTokens - 2} word pieces, {@code [SEP]}.
     *
     * @throws IllegalArgumentException if {@code maxTokens < 2}
     */
    long[] encode(String text, int maxTokens) {
        Objects.requireNonNull(text, "text");
        if (maxTokens < 2) {
            throw new IllegalArgumentException("maxTokens must be at least 2, got " + maxTokens);
        }
        Encoding encoding = new Encoding(maxTokens);
        encoding.add(clsId);
        StringBuilder word = new StringBuilder();
        int i = 0;
        while (i < text.length() && !encoding.full()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                // ASCII: nothing to decompose, simple case mapping.
                feed(lowercase ? Character.toLowerCase(cp) : cp, word, encoding);
                continue;
            }
            String normalised = normalise(cp);
            for (int j = 0; j < normalised.length(); ) {
                int c = normalised.codePointAt(j);
                j += Character.charCount(c);
                feed(c, word, encoding);
            }
        }
        endWord(word, encoding);
        encoding.ids[encoding.size++] = sepId;
        return Arrays.copyOf(encoding.ids, encoding.size);
    }

    /** Word pieces of {@code text} with no special tokens and no limit (for tests and diagnostics). */
    long[] wordPieces(String text) {
        long[] all = encode(text, Integer.MAX_VALUE - 8);
        return Arrays.copyOfRange(all, 1, all.length - 1);
    }

    /** One normalised code point into the pre-tokenizer: white space and punctuation end a word. */
    private void feed(int c, StringBuilder word, Encoding encoding) {
        if (cleanText && (c == 0 || isControl(c))) {
            return;
        }
        if (isWhitespace(c)) {
            endWord(word, encoding);
        } else if (isPunctuation(c)) {
            endWord(word, encoding);
            word.appendCodePoint(c);
            endWord(word, encoding);
        } else {
            word.appendCodePoint(c);
        }
    }

    /**
     * The normalised form of one non-ASCII code point: empty, one or more code points. Cleaning of control
     * characters and white space is left to {@link #feed}, which sees every code point.
     */
    private String normalise(int cp) {
        if (cleanText && cp == 0xFFFD) {
            return "";
        }
        String s = Character.toString(cp);
        if (chineseChars && isChineseChar(cp)) {
            s = " " + s + " ";
        }
        if (stripAccents) {
            String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
            StringBuilder kept = new StringBuilder(decomposed.length());
            decomposed
                    .codePoints()
                    .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                    .forEach(kept::appendCodePoint);
            s = kept.toString();
        }
        if (lowercase) {
            StringBuilder lower = new StringBuilder(s.length());
            s.codePoints().forEach(c -> lower.appendCodePoint(Character.toLowerCase(c)));
            s = lower.toString();
        }
        return s;
    }

    private void endWord(StringBuilder word, Encoding encoding) {
        if (word.isEmpty()) {
            return;
        }
        String w = word.toString();
        word.setLength(0);
        if (w.codePointCount(0, w.length()) > maxCharsPerWord) {
            encoding.add(unknownId);
            return;
        }
        int mark = encoding.size;
        int start = 0;
        while (start < w.length()) {
            int end = w.length();
            int found = -1;
            while (end > start) {
                String piece = start == 0 ? w.substring(0, end) : continuingPrefix + w.substring(start, end);
                Integer id = vocabulary.get(piece);
                if (id != null) {
                    found = id;
                    break;
                }
                end = w.offsetByCodePoints(end, -1);
            }
            if (found < 0) {
                // No split into vocabulary pieces: the whole word is unknown.
                encoding.size = mark;
                encoding.add(unknownId);
                return;
            }
            encoding.add(found);
            start = end;
        }
    }

    private int idOf(String token, String source) throws IOException {
        Integer id = vocabulary.get(token);
        if (id == null) {
            throw new IOException(source + ": vocabulary has no " + token);
        }
        return id;
    }

    /** Unicode White_Space (as Rust's {@code char::is_whitespace}, which the library uses). */
    static boolean isWhitespace(int c) {
        return switch (c) {
            case '\t', '\n', 0x0B, 0x0C, '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> c >= 0x2000 && c <= 0x200A;
        };
    }

    /** Unicode {@code C*} categories, except tab, newline and carriage return. */
    static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    /** ASCII punctuation (symbols such as {@code $ + < = > ^ ` | ~} included) and Unicode {@code P*}. */
    static boolean isPunctuation(int c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** The CJK ideograph blocks BERT treats as words of their own. */
    static boolean isChineseChar(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF)
                || (c >= 0x3400 && c <= 0x4DBF)
                || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F)
                || (c >= 0x2B740 && c <= 0x2B81F)
                || (c >= 0x2B920 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0x2F800 && c <= 0x2FA1F);
    }

    /** Ids collected so far, with room kept for the closing {@code [SEP]}. */
    private static final class Encoding {
        private final int limit;
        private long[] ids = new long[64];
        private int size;

        Encoding(int maxTokens) {
            this.limit = maxTokens - 1;
        }

        boolean full() {
            return size >= limit;
        }

        void add(long id) {
            if (full()) {
                return;
            }
            if (size + 1 >= ids.length) {
                ids = Arrays.copyOf(ids, ids.length * 2);
            }
            ids[size++] = id;
        }
    }
}
