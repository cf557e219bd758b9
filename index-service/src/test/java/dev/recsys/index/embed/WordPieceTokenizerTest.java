package dev.recsys.index.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer of all-MiniLM-L6-v2 against ids of the Hugging Face BERT tokenizer (uncased WordPiece,
 * 30,522 pieces: 101 is [CLS], 102 [SEP], 100 [UNK]).
 */
class WordPieceTokenizerTest {
    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() throws IOException {
        tokenizer = WordPieceTokenizer.fromResource(TransformerModel.ALL_MINILM_L6_V2_Q.tokenizerResource());
    }

    private static long[] ids(long... ids) {
        return ids;
    }

    @Test
    void readsTheVocabularyAndSpecialTokens() {
        assertEquals(30_522, tokenizer.vocabularySize());
        assertEquals(101, tokenizer.clsId());
        assertEquals(102, tokenizer.sepId());
        assertEquals(100, tokenizer.unknownId());
    }

    @Test
    void encodesWordsBetweenClsAndSep() {
        assertArrayEquals(ids(101, 7592, 2088, 102), tokenizer.encode("hello world", 256));
        assertArrayEquals(ids(101, 7592, 2088, 102), tokenizer.encode("  Hello\tWORLD\n", 256));
    }

    @Test
    void splitsUnknownWordsIntoTheLongestPieces() {
        // una ##ffa ##ble; pepper ##min ##t / banana split variety pack
        assertArrayEquals(ids(14477, 20961, 3468), tokenizer.wordPieces("unaffable"));
        assertArrayEquals(
                ids(11565, 10020, 2102, 1013, 15212, 3975, 3528, 5308),
                tokenizer.wordPieces("Peppermint/Banana Split Variety Pack"));
    }

    @Test
    void punctuationIsAWordOfItsOwn() {
        // men ' s trail running sneakers; wax peppers , sweet banana
        assertArrayEquals(
                ids(2273, 1005, 1055, 4446, 2770, 28130), tokenizer.wordPieces("Men's Trail Running Sneakers"));
        assertArrayEquals(ids(13844, 23582, 1010, 4086, 15212), tokenizer.wordPieces("Wax Peppers, Sweet Banana"));
        assertArrayEquals(ids(999, 999, 999), tokenizer.wordPieces("!!!"));
    }

    @Test
    void stripsAccentsAndSplitsUnicodePunctuation() {
        assertArrayEquals(tokenizer.wordPieces("creme brulee"), tokenizer.wordPieces("Crème Brûlée"));
        // naive cafe – 5 ##€ “ quoted ”
        assertArrayEquals(
                ids(15743, 7668, 1516, 1019, 30102, 1523, 9339, 1524),
                tokenizer.wordPieces("naïve café – 5€ “quoted”"));
    }

    @Test
    void agreesWithTheReferenceTokenizerOnUnicodeEdgeCases() {
        // Ids from the Hugging Face tokenizers library (Rust) with this tokenizer.json, without padding.
        assertArrayEquals(
                ids(1179, 4168, 3654, 1173, 18199, 29733, 29735, 29736, 15297, 1173, 14608, 29733),
                tokenizer.wordPieces("Ωmega Σίσυφος ΣΑΣ"));
        assertArrayEquals(ids(9960, 6187, 2100), tokenizer.wordPieces("İstanbul çay"));
        assertArrayEquals(
                ids(2123, 1521, 1056, 1094, 10861, 1029, 1067, 9033, 999), tokenizer.wordPieces("don’t ¿qué? ¡sí!"));
        assertArrayEquals(ids(7861, 29147, 2072, 100, 15212), tokenizer.wordPieces("emoji 🍌 banana"));
        assertArrayEquals(ids(1984, 2638, 1985, 8162), tokenizer.wordPieces("ﬁne ﬂour"));
        assertArrayEquals(ids(100, 1092, 1082), tokenizer.wordPieces("Ⅻ ½ ²"));
    }

    @Test
    void cjkIdeographsAreWordsOfTheirOwn() {
        // 中 文 and two ideographs the English vocabulary lacks
        assertArrayEquals(ids(1746, 1861, 100, 100), tokenizer.wordPieces("中文商品"));
    }

    @Test
    void controlCharactersAreDroppedAndUnicodeSpacesSplit() {
        assertArrayEquals(tokenizer.wordPieces("hello world"), tokenizer.wordPieces("hel\u0000lo\u00a0wor\u200bld"));
    }

    @Test
    void aWordLongerThanTheLimitIsUnknown() {
        assertArrayEquals(ids(100), tokenizer.wordPieces("a".repeat(101)));
        // At the limit it is still split: aaa ##aa ##aa …
        long[] atLimit = tokenizer.wordPieces("a".repeat(100));
        assertEquals(50, atLimit.length);
        assertEquals(tokenizer.id("aaa"), atLimit[0]);
    }

    @Test
    void emptyTextIsClsAndSep() {
        assertArrayEquals(ids(101, 102), tokenizer.encode("", 256));
        assertArrayEquals(ids(101, 102), tokenizer.encode(" \t\u0001 ", 256));
    }

    @Test
    void cutsAfterMaxTokensKeepingSep() {
        String text = "hello world ".repeat(1_000);
        long[] cut = tokenizer.encode(text, 10);
        assertEquals(10, cut.length);
        assertEquals(102, cut[9]);
        long[] full = tokenizer.encode(text, 100_000);
        assertEquals(2_002, full.length);
        assertArrayEquals(Arrays.copyOf(full, 9), Arrays.copyOf(cut, 9));
        // A word cut in the middle keeps its first pieces, as right truncation of the pieces does.
        assertArrayEquals(ids(101, 14477, 20961, 102), tokenizer.encode("unaffable", 4));
    }

    @Test
    void refusesALimitWithoutRoomForTheSpecialTokens() {
        assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("x", 1));
    }

    @Test
    void aMissingResourceIsAnIoException() {
        assertThrows(IOException.class, () -> WordPieceTokenizer.fromResource("no-such-tokenizer.json"));
    }
}
