package dev.recsys.index.catalog.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.records.InvalidRecordException;
import org.junit.jupiter.api.Test;

class ExcerptTest {
    private static final String LONG = "0123456789".repeat(10);

    @Test
    void shortInputIsQuotedWhole() {
        assertEquals("'heat (1995)'", Excerpt.of("heat (1995)"));
        assertEquals("''", Excerpt.of(""));
    }

    @Test
    void longInputIsCutAtFortyCharactersAndMarked() {
        assertEquals("'" + LONG.substring(0, 40) + "'…", Excerpt.of(LONG));
        assertEquals("'" + LONG.substring(0, 40) + "'", Excerpt.of(LONG.substring(0, 40)));
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() {
        assertEquals(
                "'a\\'b\\\"c\\\\d\\ne\\tf\\u0000g\\u001b[2Jh\\u202ei'",
                Excerpt.of("a'b\"c\\d\ne\tf\u0000g\u001b[2Jh\u202ei"));
    }

    @Test
    void escapesDoNotCountAgainstTheInputAndPairsAreNotSplit() {
        String faces = "\uD83D\uDE00".repeat(50);
        String excerpt = Excerpt.of(faces);
        assertEquals("'" + "\uD83D\uDE00".repeat(40) + "'…", excerpt);
        assertEquals("'" + "\\u0000".repeat(40) + "'…", Excerpt.of("\u0000".repeat(41)));
    }

    @Test
    void aroundShowsTheTextNearAPositionWithBothCutsMarked() {
        assertEquals("…'" + LONG.substring(30, 70) + "'…", Excerpt.around(LONG, 50));
        assertEquals("'" + LONG.substring(0, 40) + "'…", Excerpt.around(LONG, 3));
        assertEquals("…'" + LONG.substring(60) + "'", Excerpt.around(LONG, 100));
    }

    @Test
    void aReasonKeepsItsWordsAndExcerptsWhatItQuotes() {
        assertEquals("must not be negative", Excerpt.reason("must not be negative"));
        assertEquals(
                "is not an ISO-8601 instant: '" + LONG.substring(0, 40) + "'…",
                Excerpt.reason("is not an ISO-8601 instant: '" + LONG + "'"));
        // A quote inside the quoted value cannot end the excerpt early.
        String forged = Excerpt.reason("bad value '" + LONG + "' and then '" + LONG + "'");
        assertEquals("bad value '" + LONG.substring(0, 40) + "'…", forged);
    }

    @Test
    void aProblemNamesItsFieldSafely() {
        InvalidRecordException e = new InvalidRecordException("attributes." + LONG + "\u0000", "must be a string");
        String problem = Excerpt.problem(e);
        assertTrue(problem.startsWith("field 'attributes." + LONG.substring(0, 64 - 11) + "…': "), problem);
        assertTrue(problem.endsWith("must be a string"), problem);
        assertFalse(problem.contains("\u0000"));
    }

    @Test
    void boundedEscapesControlCharactersCapsTheLengthAndIsStable() {
        String text = "line one\nline two\u0007" + LONG.repeat(5);
        String once = Excerpt.bounded(text, 120);
        assertEquals(120, once.length());
        assertTrue(once.startsWith("line one\\u000aline two\\u0007"), once);
        assertTrue(once.endsWith("…"));
        assertEquals(once, Excerpt.bounded(once, 120));
        assertEquals("short", Excerpt.bounded("short", 120));
    }
}
