package dev.recsys.ingest.functions;

import static dev.recsys.ingest.Fixtures.NOW;
import static dev.recsys.ingest.Fixtures.bytes;
import static dev.recsys.ingest.Fixtures.event;
import static dev.recsys.ingest.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ingest.records.DeadLetter;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParseInteractionTest {
    private OneInputStreamOperatorTestHarness<byte[], InteractionEvent> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new ParseInteraction());
        harness.setProcessingTime(NOW);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private List<DeadLetter> rejected() {
        Queue<StreamRecord<DeadLetter>> queue = harness.getSideOutput(ParseInteraction.REJECTED);
        List<DeadLetter> letters = new ArrayList<>();
        if (queue != null) {
            queue.forEach(record -> letters.add(record.getValue()));
        }
        return letters;
    }

    private DeadLetter onlyRejection(byte[] value) throws Exception {
        harness.processElement(value, NOW);
        assertEquals(List.of(), harness.extractOutputValues());
        List<DeadLetter> letters = rejected();
        assertEquals(1, letters.size(), "dead letters: " + letters);
        DeadLetter letter = letters.get(0);
        assertEquals(NOW, letter.rejectedAt());
        return letter;
    }

    @Test
    void validEventIsEmittedUnchanged() throws Exception {
        InteractionEvent event = event("e1", "u1", "i1", EventType.PURCHASE, NOW - 1000);

        harness.processElement(json(event), NOW);

        assertEquals(List.of(event), harness.extractOutputValues());
        assertEquals(List.of(), rejected());
    }

    @Test
    void malformedJsonIsDeadLetteredWithTheRawText() throws Exception {
        DeadLetter letter = onlyRejection(bytes("{\"eventId\": \"e1\", "));

        assertNull(letter.field());
        assertTrue(letter.reason().startsWith("malformed JSON"), letter.reason());
        assertEquals("{\"eventId\": \"e1\", ", letter.raw());
    }

    @Test
    void unknownEventTypeNamesTheTypeField() throws Exception {
        String raw = "{\"eventId\":\"e1\",\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"wishlist\",\"ts\":1}";

        DeadLetter letter = onlyRejection(bytes(raw));

        assertEquals("type", letter.field());
        assertTrue(letter.reason().contains("unknown event type 'wishlist'"), letter.reason());
        assertEquals(raw, letter.raw());
    }

    @Test
    void missingUserIdNamesTheUserIdField() throws Exception {
        DeadLetter letter = onlyRejection(bytes("{\"eventId\":\"e1\",\"itemId\":\"i1\",\"type\":\"view\",\"ts\":1}"));

        assertEquals("userId", letter.field());
        assertEquals("is required", letter.reason());
    }

    @Test
    void timestampBefore1990IsRejectedNamingTs() throws Exception {
        // 2025-01-01 in epoch seconds, read as milliseconds: January 1970.
        DeadLetter letter = onlyRejection(json(event("e1", "u1", "i1", EventType.VIEW, 1_735_689_600L)));

        assertEquals("ts", letter.field());
        assertEquals("u1", letter.key());
        assertTrue(letter.reason().startsWith("is before 1990-01-01 (1735689600)"), letter.reason());
    }

    @Test
    void timestampOnThe1990BoundaryIsAccepted() throws Exception {
        InteractionEvent event = event("e1", "u1", "i1", EventType.VIEW, InteractionEventJson.MIN_TS);

        harness.processElement(json(event), NOW);

        assertEquals(List.of(event), harness.extractOutputValues());
    }

    @Test
    void oversizedIdIsRejectedNamingIt() throws Exception {
        DeadLetter letter = onlyRejection(json(event("e1", "u".repeat(129), "i1", EventType.VIEW, NOW)));

        assertEquals("userId", letter.field());
        assertTrue(letter.reason().contains("longer than 128"), letter.reason());
    }

    @Test
    void missingEventIdIsRejectedNamingIt() throws Exception {
        DeadLetter letter =
                onlyRejection(bytes("{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"ts\":" + NOW + "}"));

        assertEquals("eventId", letter.field());
        assertEquals("is required", letter.reason());
    }

    @Test
    void timestampMoreThanADayAheadIsRejected() throws Exception {
        DeadLetter letter = onlyRejection(json(event("e1", "u1", "i1", EventType.VIEW, NOW + 2 * 86_400_000L)));

        assertEquals("ts", letter.field());
        assertTrue(letter.reason().contains("future"), letter.reason());
    }

    @Test
    void valueThatIsNotUtf8IsDeadLetteredAsBase64() throws Exception {
        byte[] latin1 = {'{', '"', 'u', '"', ':', '"', (byte) 0xE9, '"', '}'};

        DeadLetter letter = onlyRejection(latin1);

        assertEquals(ParseInteraction.NOT_UTF8, letter.reason());
        assertEquals(Base64.getEncoder().encodeToString(latin1), letter.raw());
    }

    @Test
    void nullValueIsDeadLetteredAsEmptyRecord() throws Exception {
        // The Kafka deserializer hands a null value on as an empty array.
        DeadLetter letter = onlyRejection(new byte[0]);

        assertEquals("empty record", letter.reason());
        assertEquals("", letter.raw());
    }

    @Test
    void badRecordsDoNotStopTheGoodOnesAroundThem() throws Exception {
        InteractionEvent first = event("e1", "u1", "i1", EventType.VIEW, NOW);
        InteractionEvent second = event("e2", "u1", "i2", EventType.CLICK, NOW);

        harness.processElement(json(first), NOW);
        harness.processElement(bytes("not json"), NOW);
        harness.processElement(bytes("[1, 2]"), NOW);
        harness.processElement(json(second), NOW);

        assertEquals(List.of(first, second), harness.extractOutputValues());
        assertEquals(2, rejected().size());
    }
}
