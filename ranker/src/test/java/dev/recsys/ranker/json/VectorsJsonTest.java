package dev.recsys.ranker.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.records.ItemVectors;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.UserVectors;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two vector topics, {@code item-vectors} and {@code user-vectors}. */
class VectorsJsonTest {

    @Test
    void itemVectorsRoundTripWithAndWithoutCf() {
        ItemVectors both = new ItemVectors("i-1", 3, new float[] {0.6f, -0.8f}, new float[] {1.5f, 0f, -2f});
        ItemVectors parsed = ItemVectorsJson.parse(ItemVectorsJson.write(both));
        assertEquals("i-1", parsed.itemId());
        assertEquals(3, parsed.generation());
        assertArrayEquals(both.content(), parsed.content());
        assertArrayEquals(both.cf(), parsed.cf());

        ItemVectors contentOnly = new ItemVectors("i-2", 1, new float[] {1f}, null);
        String json = ItemVectorsJson.write(contentOnly);
        assertTrue(!json.contains("\"cf\""), json);
        assertNull(ItemVectorsJson.parse(json).cf());
    }

    @Test
    void itemVectorsRejectNaNNamingTheField() {
        // JSON has no NaN literal: as a bare token it is malformed, as a string it is not a number.
        InvalidRecordException bare = assertThrows(
                InvalidRecordException.class,
                () -> ItemVectorsJson.parse("{\"itemId\":\"i\",\"generation\":1,\"content\":[NaN]}"));
        assertTrue(bare.reason().startsWith("malformed JSON"), bare.reason());
        InvalidRecordException quoted = assertThrows(
                InvalidRecordException.class,
                () -> ItemVectorsJson.parse("{\"itemId\":\"i\",\"generation\":1,\"content\":[0.5,\"NaN\"]}"));
        assertEquals("content", quoted.field());
        assertTrue(quoted.reason().contains("entry 1"), quoted.reason());
    }

    @Test
    void itemVectorsRejectNumbersBeyondFloatRange() {
        InvalidRecordException e = assertThrows(
                InvalidRecordException.class,
                () -> ItemVectorsJson.parse("{\"itemId\":\"i\",\"generation\":1,\"content\":[1e39]}"));
        assertEquals("content", e.field());
    }

    @Test
    void itemVectorsRejectEmptyOrMissingContent() {
        assertEquals(
                "content",
                assertThrows(
                                InvalidRecordException.class,
                                () -> ItemVectorsJson.parse("{\"itemId\":\"i\",\"generation\":1,\"content\":[]}"))
                        .field());
        assertEquals(
                "content",
                assertThrows(
                                InvalidRecordException.class,
                                () -> ItemVectorsJson.parse("{\"itemId\":\"i\",\"generation\":1}"))
                        .field());
    }

    @Test
    void itemVectorsRejectCfThatIsNotAnArray() {
        InvalidRecordException e = assertThrows(
                InvalidRecordException.class,
                () -> ItemVectorsJson.parse("{\"itemId\":\"i\",\"generation\":1,\"content\":[1],\"cf\":{}}"));
        assertEquals("cf", e.field());
    }

    @Test
    void userVectorsRoundTrip() {
        UserVectors user = new UserVectors(
                "u-1",
                42,
                1_700_000_000_500L,
                1_700_000_000_000L,
                new float[] {0.6f, 0.8f},
                new float[] {0.1f, 0.2f, 0.3f},
                List.of(
                        new RecentInteraction("i-2", EventType.PURCHASE, 1_700_000_000_000L),
                        new RecentInteraction("i-3", EventType.RATE, 1_699_999_500_000L, 4.5),
                        new RecentInteraction("i-1", EventType.VIEW, 1_699_999_000_000L)),
                Map.of("purchase", 1L, "view", 41L));
        UserVectors parsed = UserVectorsJson.parse(UserVectorsJson.write(user));
        assertEquals(user.userId(), parsed.userId());
        assertEquals(user.version(), parsed.version());
        assertEquals(user.updatedAt(), parsed.updatedAt());
        assertEquals(user.eventTs(), parsed.eventTs());
        assertArrayEquals(user.content(), parsed.content());
        assertArrayEquals(user.cf(), parsed.cf());
        assertEquals(user.recent(), parsed.recent());
        assertEquals(user.counts(), parsed.counts());
    }

    @Test
    void erasedUpToRoundTripsAndIsLeftOutForShoppersNeverErased() {
        UserVectors never = new UserVectors("u-1", 3, 2, 1, new float[] {1, 0}, null, List.of(), Map.of());
        String json = UserVectorsJson.write(never);
        assertFalse(json.contains("erasedUpTo"), json);
        assertEquals(0, UserVectorsJson.parse(json).erasedUpTo());

        UserVectors erased = never.withErasedUpTo(1_700_000_000_000L);
        for (VectorEncoding encoding : VectorEncoding.values()) {
            UserVectors parsed = UserVectorsJson.parse(UserVectorsJson.writeBytes(erased, encoding));
            assertEquals(1_700_000_000_000L, parsed.erasedUpTo(), encoding.name());
            assertEquals(3, parsed.version());
        }
        InvalidRecordException e = assertThrows(
                InvalidRecordException.class,
                () -> UserVectorsJson.parse(json.replace("\"counts\":{}", "\"counts\":{},\"erasedUpTo\":-5")));
        assertEquals("erasedUpTo", e.field());
    }

    @Test
    void aLaterErasureSupersedesAnyVersionAndThenTheHigherVersionWins() {
        UserVectors old = new UserVectors("u-1", 500, 2, 1, new float[] {1, 0}, null, List.of(), Map.of());
        UserVectors afterErasure =
                new UserVectors("u-1", 1, 3, 9, new float[] {0, 1}, null, List.of(), Map.of()).withErasedUpTo(5);
        assertTrue(afterErasure.supersedes(old));
        assertFalse(old.supersedes(afterErasure));
        UserVectors next =
                new UserVectors("u-1", 2, 4, 10, new float[] {0, 1}, null, List.of(), Map.of()).withErasedUpTo(5);
        assertTrue(next.supersedes(afterErasure));
        assertFalse(afterErasure.supersedes(next));
        assertFalse(next.supersedes(next), "an equal record does not supersede");
    }

    @Test
    void idsThatNeedEscapingRoundTripInBothEncodings() {
        String userId = "u \"quoted\" \\ back\tslash\u0001 caf\u00e9 \ud83d\uded2";
        String itemId = "i/\n\u2028";
        UserVectors user = new UserVectors(
                userId,
                7,
                8,
                9,
                new float[] {0.25f, -3.5e-7f},
                null,
                List.of(new RecentInteraction(itemId, EventType.ADD_TO_CART, 5)),
                Map.of("add_to_cart", 1L));
        for (VectorEncoding encoding : VectorEncoding.values()) {
            String json = new String(UserVectorsJson.writeBytes(user, encoding), StandardCharsets.UTF_8);
            UserVectors parsed = UserVectorsJson.parse(json);
            assertEquals(userId, parsed.userId(), json);
            assertEquals(user.recent(), parsed.recent(), json);
            assertArrayEquals(user.content(), parsed.content(), json);
            assertEquals(user.counts(), parsed.counts(), json);
            assertEquals(null, parsed.cf(), json);
        }
    }

    @Test
    void base64VectorsAreExactAndAcceptedWhereverArraysAre() {
        float[] content = {0.123456789f, -1e-30f, Float.MIN_VALUE, 0.99999994f};
        UserVectors user = new UserVectors("u-1", 1, 2, 3, content, null, List.of(), Map.of());
        String json = new String(UserVectorsJson.writeBytes(user, VectorEncoding.BASE64), StandardCharsets.UTF_8);

        assertArrayEquals(content, UserVectorsJson.parse(json).content());
        assertEquals(
                VectorEncoding.toBase64(content),
                Json.parseObject(json).get("content").textValue());
        ItemVectors item = ItemVectorsJson.parse(
                "{\"itemId\":\"i\",\"generation\":1,\"content\":\"" + VectorEncoding.toBase64(content) + "\"}");
        assertArrayEquals(content, item.content());
    }

    @Test
    void aReusedWriterWritesEachRecordAsWriteBytesDoesAndHandsOutIndependentArrays() {
        UserVectors withCf = new UserVectors(
                "u-1",
                4,
                20,
                10,
                new float[] {0.5f, -0.25f, 1e-3f, 7f},
                new float[] {1, 2},
                List.of(new RecentInteraction("i-1", EventType.VIEW, 10)),
                Map.of("view", 4L));
        UserVectors longer =
                new UserVectors("u-ü", 1, 2, 1, new float[] {3, 2, 1, 0, -1, -2, -3}, null, List.of(), Map.of());
        for (VectorEncoding encoding : VectorEncoding.values()) {
            UserVectorsJson.Writer writer = new UserVectorsJson.Writer(encoding);
            byte[] first = writer.write(withCf);
            byte[] firstCopy = first.clone();
            for (UserVectors user : List.of(longer, withCf, longer, withCf)) {
                assertArrayEquals(
                        UserVectorsJson.writeBytes(user, encoding), writer.write(user), encoding + " " + user);
            }
            assertArrayEquals(firstCopy, first, "an array handed out is never written again");
        }
    }

    @Test
    void userVectorsReadBase64TheSameFromTheRawBytesAndFromEscapedOrWideText() {
        float[] content = {0.25f, -3f, 1e-20f};
        String base64 = VectorEncoding.toBase64(content);
        // A non-ASCII id before the vector: its byte offset in the record is not its char offset.
        String head = "{\"userId\":\"ü-1\",\"version\":1,\"updatedAt\":2,\"eventTs\":3,\"content\":";
        String escapedFirst = "\\u00" + Integer.toHexString(base64.charAt(0)) + base64.substring(1);
        for (String text : List.of(base64, escapedFirst)) {
            assertArrayEquals(
                    content, UserVectorsJson.parse(head + "\"" + text + "\"}").content(), text);
        }
        // Whichever way the text is read, a bad one gets the reason the JSON tree readers give.
        for (String bad : List.of("AAA%AAAA", "AAAé", "AAA€AAAA", "AAAA\\nAAA")) {
            InvalidRecordException tree = assertThrows(
                    InvalidRecordException.class,
                    () -> ItemVectorsJson.parse("{\"itemId\":\"i\",\"generation\":1,\"content\":\"" + bad + "\"}"));
            InvalidRecordException reader =
                    assertThrows(InvalidRecordException.class, () -> UserVectorsJson.parse(head + "\"" + bad + "\"}"));
            assertEquals(tree.field() + ": " + tree.reason(), reader.field() + ": " + reader.reason(), bad);
        }
    }

    @Test
    void base64VectorsThatAreNotWholeFloatsOrNotFiniteNameTheField() {
        String notBase64 = "{\"itemId\":\"i\",\"generation\":1,\"content\":\"%%%\"}";
        String sevenBytes = "{\"itemId\":\"i\",\"generation\":1,\"content\":\"AAAAAAAAAA==\"}";
        String nan = "{\"itemId\":\"i\",\"generation\":1,\"content\":\""
                + VectorEncoding.toBase64(new float[] {1, Float.NaN}) + "\"}";
        for (String json : List.of(notBase64, sevenBytes, nan)) {
            InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> ItemVectorsJson.parse(json));
            assertEquals("content", e.field(), json);
        }
    }

    @Test
    void userVectorsRejectEveryBrokenFieldNamingItAndSayingWhy() {
        String head = "\"userId\":\"u\",\"version\":1,\"updatedAt\":2,\"eventTs\":3";
        String content = ",\"content\":[0.5,0.5]";
        // record -> "field: reason" (field "null" for the record as a whole)
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("", "null: empty record");
        cases.put("[1]", "null: expected a JSON object");
        cases.put("null", "null: expected a JSON object");
        cases.put("{" + head + content + "} x", "null: malformed JSON");
        cases.put("{" + head + content, "null: malformed JSON");
        cases.put("{\"version\":1,\"updatedAt\":2,\"eventTs\":3" + content + "}", "userId: is required");
        cases.put(
                "{\"userId\":null,\"version\":1,\"updatedAt\":2,\"eventTs\":3" + content + "}", "userId: is required");
        cases.put(
                "{\"userId\":\" \",\"version\":1,\"updatedAt\":2,\"eventTs\":3" + content + "}",
                "userId: must not be blank");
        cases.put(
                "{\"userId\":7,\"version\":1,\"updatedAt\":2,\"eventTs\":3" + content + "}",
                "userId: must be a string");
        cases.put(
                "{\"userId\":\"" + "u".repeat(129) + "\",\"version\":1,\"updatedAt\":2,\"eventTs\":3" + content + "}",
                "userId: is longer than 128 characters");
        cases.put(
                "{\"userId\":\"u\",\"version\":1.5,\"updatedAt\":2,\"eventTs\":3" + content + "}",
                "version: must be an integer");
        cases.put(
                "{\"userId\":\"u\",\"version\":99999999999999999999,\"updatedAt\":2,\"eventTs\":3" + content + "}",
                "version: must be an integer");
        cases.put("{\"userId\":\"u\",\"version\":1,\"eventTs\":3" + content + "}", "updatedAt: is required");
        cases.put("{" + head + "}", "content: is required");
        cases.put(
                "{" + head + ",\"content\":{}}", "content: must be an array of numbers or a base64 string of float32");
        cases.put("{" + head + ",\"content\":[]}", "content: must have between 1 and 4096 numbers");
        cases.put("{" + head + ",\"content\":[1,\"x\"]}", "content: entry 1 is not a finite number");
        cases.put("{" + head + ",\"content\":[1,1e39]}", "content: entry 1 is not a finite number");
        cases.put("{" + head + ",\"content\":\"%%%\"}", "content: is not a base64 vector");
        cases.put("{" + head + ",\"content\":\"AAAAAAAAAA==\"}", "content: is not a base64 vector");
        cases.put(
                "{" + head + content + ",\"cf\":true}",
                "cf: must be an array of numbers or a base64 string of float32");
        cases.put("{" + head + content + ",\"recent\":{}}", "recent: must be an array");
        cases.put("{" + head + content + ",\"recent\":[1]}", "recent: entries must be objects");
        cases.put("{" + head + content + ",\"recent\":[{\"type\":\"view\",\"ts\":1}]}", "itemId: is required");
        cases.put("{" + head + content + ",\"recent\":[{\"itemId\":\"i\",\"ts\":1}]}", "type: is required");
        cases.put("{" + head + content + ",\"recent\":[{\"itemId\":\"i\",\"type\":\"view\"}]}", "ts: is required");
        cases.put(
                "{" + head + content + ",\"recent\":[{\"itemId\":\"i\",\"type\":\"wish\",\"ts\":1}]}",
                "type: unknown event type 'wish'");
        cases.put("{" + head + content + ",\"counts\":[]}", "counts: must be an object of integers");
        cases.put("{" + head + content + ",\"counts\":{\"view\":null}}", "counts.view: must be an integer");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            InvalidRecordException e =
                    assertThrows(InvalidRecordException.class, () -> UserVectorsJson.parse(c.getKey()), c.getKey());
            String actual = e.field() + ": " + e.reason();
            assertTrue(
                    actual.startsWith(c.getValue()), c.getKey() + " -> " + actual + " (expected " + c.getValue() + ")");
        }
        // What is unknown is skipped, and a repeated field keeps its last value, as in a JSON tree.
        UserVectors ok = UserVectorsJson.parse("{" + head + content
                + ",\"extra\":{\"deep\":[1,{\"a\":null}]},\"version\":5,\"cf\":null,\"recent\":null}");
        assertEquals(5, ok.version());
        assertEquals(null, ok.cf());
        assertEquals(List.of(), ok.recent());
    }

    @Test
    void userVectorsRejectMissingVersion() {
        InvalidRecordException e = assertThrows(
                InvalidRecordException.class,
                () -> UserVectorsJson.parse(
                        "{\"userId\":\"u\",\"updatedAt\":1,\"eventTs\":1,\"content\":[1],\"recent\":[],\"counts\":{}}"));
        assertEquals("version", e.field());
    }

    @Test
    void userVectorsRejectRecentEntryOfUnknownType() {
        InvalidRecordException e = assertThrows(
                InvalidRecordException.class,
                () -> UserVectorsJson.parse("{\"userId\":\"u\",\"version\":1,\"updatedAt\":1,\"eventTs\":1,"
                        + "\"content\":[1],\"recent\":[{\"itemId\":\"i\",\"type\":\"stare\",\"ts\":1}]}"));
        assertEquals("type", e.field());
    }

    @Test
    void userVectorsRejectCountsThatAreNotAnObject() {
        InvalidRecordException e = assertThrows(
                InvalidRecordException.class,
                () -> UserVectorsJson.parse("{\"userId\":\"u\",\"version\":1,\"updatedAt\":1,\"eventTs\":1,"
                        + "\"content\":[1],\"counts\":[1,2]}"));
        assertEquals("counts", e.field());
    }

    @Test
    void userVectorsRejectCountsThatAreNotIntegers() {
        for (String count : new String[] {"\"many\"", "1.5"}) {
            InvalidRecordException e = assertThrows(
                    InvalidRecordException.class,
                    () -> UserVectorsJson.parse("{\"userId\":\"u\",\"version\":1,\"updatedAt\":1,\"eventTs\":1,"
                            + "\"content\":[1],\"counts\":{\"view\":" + count + "}}"));
            assertEquals("counts.view", e.field(), count);
        }
    }

    @Test
    void deadLetterKeepsTheRawRecordAndTheReason() {
        String raw = "{\"eventId\": broken";
        var node = Json.parseObject(DeadLetterJson.write(raw, "eventId", "is required", 123L));
        assertEquals(raw, node.get("raw").textValue());
        assertEquals("is required", node.get("reason").textValue());
        assertEquals("eventId", node.get("field").textValue());
        assertEquals(123L, node.get("rejectedAt").longValue());
        var withoutField = Json.parseObject(DeadLetterJson.write("x", null, "malformed JSON", 5L));
        assertTrue(!withoutField.has("field"));
    }
}
