package dev.recsys.ranker.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.records.InvalidRecordException;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesOneObject() {
        assertEquals(1, Json.parseObject(" {\"a\": 1} \n").get("a").intValue());
    }

    @Test
    void rejectsTrailingContentAfterTheObject() {
        InvalidRecordException e =
                assertThrows(InvalidRecordException.class, () -> Json.parseObject("{\"a\":1} {\"b\":2}"));
        assertTrue(e.reason().startsWith("malformed JSON"), e.reason());
        assertThrows(InvalidRecordException.class, () -> Json.parseObject("{\"a\":1} garbage"));
    }

    @Test
    void rejectsNestingDeeperThanTheLimit() {
        String deep = "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}";
        InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> Json.parseObject(deep));
        assertTrue(e.reason().startsWith("malformed JSON"), e.reason());
    }

    @Test
    void rejectsNonStandardTokens() {
        assertThrows(InvalidRecordException.class, () -> Json.parseObject("{\"a\": NaN}"));
        assertThrows(InvalidRecordException.class, () -> Json.parseObject("{'a': 1}"));
    }
}
