package dev.recsys.index.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.InvalidRecordException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class EventPublisherTest {
    private static final long NOW = 1_750_000_000_000L;

    private static String event(int i, String type) {
        return String.format(
                Locale.ROOT,
                "{\"eventId\":\"e%d\",\"userId\":\"u%d\",\"itemId\":\"i%d\",\"type\":\"%s\",\"ts\":%d}",
                i,
                i % 3,
                i,
                type,
                NOW - i);
    }

    @Test
    void acceptsOneEventObject() {
        List<InteractionEvent> events = EventPublisher.parse(event(1, "click"), NOW);
        assertEquals(1, events.size());
        assertEquals(EventType.CLICK, events.getFirst().type());
    }

    @Test
    void acceptsAnArrayOfEventsInOrder() {
        String body = "[" + event(1, "view") + "," + event(2, "add_to_cart") + "," + event(3, "purchase") + "]";
        List<InteractionEvent> events = EventPublisher.parse(body, NOW);
        assertEquals(
                List.of("e1", "e2", "e3"),
                events.stream().map(InteractionEvent::eventId).toList());
    }

    @Test
    void oneBadEventRejectsTheArrayNamingIndexAndField() {
        String body = "[" + event(0, "view") + "," + event(1, "view") + "," + event(2, "view") + ","
                + event(3, "teleport") + "]";
        InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> EventPublisher.parse(body, NOW));
        assertEquals("[3].type", e.field());
        assertTrue(e.reason().contains("teleport"), e.reason());
    }

    @Test
    void aBadSingleEventNamesTheField() {
        InvalidRecordException e =
                assertThrows(InvalidRecordException.class, () -> EventPublisher.parse(event(1, "teleport"), NOW));
        assertEquals("type", e.field());
        InvalidRecordException missing = assertThrows(
                InvalidRecordException.class,
                () -> EventPublisher.parse("{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"view\",\"ts\":1}", NOW));
        assertEquals("itemId", missing.field());
    }

    @Test
    void anArrayElementThatIsNotAnObjectIsNamedByIndex() {
        InvalidRecordException e = assertThrows(
                InvalidRecordException.class, () -> EventPublisher.parse("[" + event(1, "view") + ",42]", NOW));
        assertEquals("[1]", e.field());
    }

    @Test
    void malformedEmptyAndOversizedBodiesAreRejected() {
        assertNull(assertThrows(InvalidRecordException.class, () -> EventPublisher.parse("{not json", NOW))
                .field());
        assertThrows(InvalidRecordException.class, () -> EventPublisher.parse("", NOW));
        assertThrows(InvalidRecordException.class, () -> EventPublisher.parse("[]", NOW));
        assertThrows(InvalidRecordException.class, () -> EventPublisher.parse("\"view\"", NOW));
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i <= EventPublisher.MAX_BATCH; i++) {
            big.append(i == 0 ? "" : ",").append(event(i, "view"));
        }
        InvalidRecordException e =
                assertThrows(InvalidRecordException.class, () -> EventPublisher.parse(big + "]", NOW));
        assertTrue(e.getMessage().contains("1000"), e.getMessage());
    }
}
