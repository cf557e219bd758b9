package dev.recsys.ranker.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BlendWeightsTest {
    @Test
    void defaultsAreTheDocumentedWeights() {
        BlendWeights weights = BlendWeights.defaults();
        assertEquals(0.4, weights.weight(ScoreSource.CF));
        assertEquals(0.4, weights.weight(ScoreSource.CONTENT));
        assertEquals(0.5, weights.weight(ScoreSource.TEXT));
        assertEquals(0.1, weights.weight(ScoreSource.POPULARITY));
        assertEquals(0.2, weights.weight(ScoreSource.SHOPPERS));
        assertEquals(0.4, weights.weight(ScoreSource.RECENT));
    }

    @Test
    void sourcesWithoutAWeightWeighZero() {
        BlendWeights weights = new BlendWeights(Map.of(ScoreSource.CF, 1.0));
        assertEquals(0.0, weights.weight(ScoreSource.TEXT));
        assertEquals(ScoreSource.values().length, weights.weights().size());
    }

    @Test
    void withReplacesOneWeightOnly() {
        BlendWeights changed = BlendWeights.defaults().with(ScoreSource.TEXT, 2);
        assertEquals(2.0, changed.weight(ScoreSource.TEXT));
        assertEquals(0.4, changed.weight(ScoreSource.CF));
        assertEquals(0.5, BlendWeights.defaults().weight(ScoreSource.TEXT));
    }

    @Test
    void parseReadsEveryWeightParameterAndKeepsTheRestFromBase() {
        BlendWeights parsed = BlendWeights.parse(
                Map.of("w.cf", "1", "w.text", " 2.5 ", "w.popularity", "0", "q", "red shoes"), BlendWeights.defaults());
        assertEquals(1.0, parsed.weight(ScoreSource.CF));
        assertEquals(0.4, parsed.weight(ScoreSource.CONTENT));
        assertEquals(2.5, parsed.weight(ScoreSource.TEXT));
        assertEquals(0.0, parsed.weight(ScoreSource.POPULARITY));
        assertEquals(BlendWeights.defaults(), BlendWeights.parse(Map.of(), BlendWeights.defaults()));
    }

    @Test
    void parseAcceptsTheBoundsAndPlainNumberForms() {
        for (String text : new String[] {"0", "10", "10.0", "+3", ".5", "5.", "1e1", "2E-1"}) {
            double expected = Double.parseDouble(text);
            assertEquals(
                    expected,
                    BlendWeights.parse(Map.of("w.content", text), BlendWeights.defaults())
                            .weight(ScoreSource.CONTENT),
                    text);
        }
    }

    @Test
    void parseRejectsBadValuesNamingTheParameter() {
        for (String text :
                new String[] {"abc", "", "-1", "10.5", "NaN", "Infinity", "1e400", "0x1p3", "1d", "1,5", "--1"}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> BlendWeights.parse(Map.of("w.cf", text), BlendWeights.defaults()),
                    text);
            assertEquals("w.cf must be a number between 0 and 10, got '" + text + "'", e.getMessage());
        }
        IllegalArgumentException popularity = assertThrows(
                IllegalArgumentException.class,
                () -> BlendWeights.parse(Map.of("w.popularity", "lots"), BlendWeights.defaults()));
        assertEquals("w.popularity must be a number between 0 and 10, got 'lots'", popularity.getMessage());
    }

    @Test
    void parseShortensLongValuesInTheMessage() {
        String text = "9".repeat(100);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> BlendWeights.parse(Map.of("w.text", text), BlendWeights.defaults()));
        assertEquals("w.text must be a number between 0 and 10, got '" + "9".repeat(32) + "…'", e.getMessage());
    }

    @Test
    void constructorRejectsWeightsOutOfRangeNamingTheSource() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new BlendWeights(Map.of(ScoreSource.CONTENT, -0.5)));
        assertEquals("weights[content] must be a number between 0 and 10, got -0.5", e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> BlendWeights.defaults().with(ScoreSource.CF, 11));
    }

    @Test
    void sourceJsonNamesAreLowerCaseAndParseBack() {
        assertEquals("cf", ScoreSource.CF.jsonName());
        assertEquals("popularity", ScoreSource.POPULARITY.jsonName());
        for (ScoreSource source : ScoreSource.values()) {
            assertEquals(source, ScoreSource.fromJson(source.jsonName()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScoreSource.fromJson("bm25"));
        assertEquals(
                "unknown score source 'bm25' (expected one of cf, content, text, popularity, shoppers, recent, seq)",
                e.getMessage());
    }
}
