package dev.recsys.ranker.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.InvalidRecordException;
import org.junit.jupiter.api.Test;

class InteractionEventJsonTest {
    private static final long NOW = 1_700_000_000_000L;

    private static InvalidRecordException rejected(String json) {
        return assertThrows(InvalidRecordException.class, () -> InteractionEventJson.parse(json, NOW));
    }

    @Test
    void roundTripsEveryField() {
        InteractionEvent event =
                new InteractionEvent("e-1", "u-1", "i-1", EventType.RATE, NOW - 5, 4.5, "s-1", "red shoes");
        assertEquals(event, InteractionEventJson.parse(InteractionEventJson.write(event), NOW));
    }

    @Test
    void roundTripsEventWithoutOptionalFields() {
        InteractionEvent event = InteractionEvent.of("e-2", "u-1", "i-9", EventType.ADD_TO_CART, NOW);
        String json = InteractionEventJson.write(event);
        assertEquals(event, InteractionEventJson.parse(json, NOW));
        assertTrue(!json.contains("value") && !json.contains("sessionId") && !json.contains("query"), json);
    }

    @Test
    void writesFieldsInContractOrderAndEscapesText() {
        InteractionEvent event =
                new InteractionEvent("e-3", "u-\"quoted\"", "i-é", EventType.RATE, NOW, 4.0, "s\\1", "line\nbreak");
        String json = InteractionEventJson.write(event);
        assertEquals(
                "{\"eventId\":\"e-3\",\"userId\":\"u-\\\"quoted\\\"\",\"itemId\":\"i-é\",\"type\":\"rate\"," + "\"ts\":"
                        + NOW + ",\"value\":4.0,\"sessionId\":\"s\\\\1\",\"query\":\"line\\nbreak\"}",
                json);
        assertEquals(event, InteractionEventJson.parse(json, NOW));
    }

    @Test
    void parsesEveryEventTypeByItsJsonName() {
        for (EventType type : EventType.values()) {
            String value = type == EventType.RATE ? ",\"value\":3" : "";
            String json = "{\"eventId\":\"e\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"" + type.jsonName()
                    + "\",\"ts\":1700000000000" + value + "}";
            assertEquals(type, InteractionEventJson.parse(json, NOW).type());
        }
    }

    @Test
    void rejectsMissingEventIdNamingTheField() {
        InvalidRecordException e =
                rejected("{\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\",\"ts\":1700000000000}");
        assertEquals("eventId", e.field());
        assertEquals("is required", e.reason());
        assertTrue(e.getMessage().contains("eventId"), e.getMessage());
    }

    @Test
    void rejectsBlankUserId() {
        InvalidRecordException e = rejected(
                "{\"eventId\":\"e\",\"userId\":\"  \",\"itemId\":\"i\",\"type\":\"view\",\"ts\":1700000000000}");
        assertEquals("userId", e.field());
    }

    @Test
    void rejectsNonStringItemId() {
        InvalidRecordException e =
                rejected("{\"eventId\":\"e\",\"userId\":\"u\",\"itemId\":7,\"type\":\"view\",\"ts\":1700000000000}");
        assertEquals("itemId", e.field());
        assertEquals("must be a string", e.reason());
    }

    @Test
    void rejectsOverlongId() {
        String longId = "x".repeat(JsonFields.MAX_ID_LENGTH + 1);
        InvalidRecordException e = rejected("{\"eventId\":\"" + longId
                + "\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\",\"ts\":1700000000000}");
        assertEquals("eventId", e.field());
    }

    @Test
    void rejectsUnknownTypeListingTheAcceptedOnes() {
        InvalidRecordException e = rejected(
                "{\"eventId\":\"e\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"wishlist\",\"ts\":1700000000000}");
        assertEquals("type", e.field());
        assertTrue(e.reason().contains("wishlist") && e.reason().contains("add_to_cart"), e.reason());
    }

    @Test
    void rejectsTimestampMoreThanADayInTheFuture() {
        long tooLate = NOW + InteractionEventJson.MAX_FUTURE_MILLIS + 1;
        InvalidRecordException e = rejected(
                "{\"eventId\":\"e\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\",\"ts\":" + tooLate + "}");
        assertEquals("ts", e.field());
    }

    @Test
    void acceptsTimestampExactlyADayAhead() {
        long edge = NOW + InteractionEventJson.MAX_FUTURE_MILLIS;
        String json = "{\"eventId\":\"e\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\",\"ts\":" + edge + "}";
        assertEquals(edge, InteractionEventJson.parse(json, NOW).ts());
    }

    @Test
    void rejectsNegativeOrFractionalOrTextTimestamp() {
        for (String ts : new String[] {"-1", "1.5", "\"2024-01-01\""}) {
            InvalidRecordException e = rejected(
                    "{\"eventId\":\"e\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\",\"ts\":" + ts + "}");
            assertEquals("ts", e.field(), ts);
        }
    }

    @Test
    void rejectsTimestampBefore1990AsEpochSecondsNamingTs() {
        // 2025-01-01 in epoch seconds, read as milliseconds: January 1970.
        InvalidRecordException e =
                rejected("{\"eventId\":\"e\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\",\"ts\":1735689600}");
        assertEquals("ts", e.field());
        assertTrue(e.reason().startsWith("is before 1990-01-01 (1735689600)"), e.reason());
    }

    @Test
    void acceptsTimestampOnThe1990Boundary() {
        String json = "{\"eventId\":\"e\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\",\"ts\":"
                + InteractionEventJson.MIN_TS + "}";
        assertEquals(
                InteractionEventJson.MIN_TS,
                InteractionEventJson.parse(json, NOW).ts());
        InvalidRecordException e = rejected(json.replace(
                Long.toString(InteractionEventJson.MIN_TS), Long.toString(InteractionEventJson.MIN_TS - 1)));
        assertEquals("ts", e.field());
    }

    @Test
    void rejectsRateWithoutValue() {
        InvalidRecordException e = rejected(
                "{\"eventId\":\"e\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"rate\",\"ts\":1700000000000}");
        assertEquals("value", e.field());
    }

    @Test
    void rejectsRatingOutsideZeroToFive() {
        InvalidRecordException e = rejected(
                "{\"eventId\":\"e\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"rate\",\"ts\":1700000000000,\"value\":5.5}");
        assertEquals("value", e.field());
    }

    @Test
    void rejectsOverlongQuery() {
        String query = "q".repeat(InteractionEventJson.MAX_QUERY_LENGTH + 1);
        InvalidRecordException e = rejected("{\"eventId\":\"e\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\","
                + "\"ts\":1700000000000,\"query\":\"" + query + "\"}");
        assertEquals("query", e.field());
    }

    @Test
    void rejectsJsonThatIsNotAnObject() {
        for (String json : new String[] {"[1,2]", "\"view\"", "42", "null"}) {
            InvalidRecordException e = rejected(json);
            assertNull(e.field(), json);
            assertEquals("expected a JSON object", e.reason(), json);
        }
    }

    @Test
    void rejectsMalformedJson() {
        InvalidRecordException e = rejected("{\"eventId\":\"e\",");
        assertNull(e.field());
        assertTrue(e.reason().startsWith("malformed JSON"), e.reason());
    }

    @Test
    void rejectsEmptyRecord() {
        assertEquals("empty record", rejected("  ").reason());
        assertEquals("empty record", rejected(null).reason());
    }
}
