package dev.recsys.index.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.InvalidRecordException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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
    void aTimeInEpochSecondsIsRejectedNamingTs() {
        String seconds = event(1, "view").replace("\"ts\":" + (NOW - 1), "\"ts\":" + (NOW / 1000));
        InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> EventPublisher.parse(seconds, NOW));
        assertEquals("ts", e.field());
        assertTrue(e.reason().contains("milliseconds"), e.reason());
        InvalidRecordException inBatch = assertThrows(
                InvalidRecordException.class,
                () -> EventPublisher.parse("[" + event(2, "view") + "," + seconds + "]", NOW));
        assertEquals("[1].ts", inBatch.field());
    }

    /** A publisher whose producer has no broker to reach: anything that gets past the checks fails to send. */
    private static EventPublisher unreachable(KnownItems items) {
        Properties props =
                EventPublisher.producerProperties(KafkaSettings.of("127.0.0.1:" + freePort()), "event-publisher-test");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "300");
        return new EventPublisher(new KafkaProducer<>(props), "interactions", () -> NOW, items);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anEventForAnUnknownItemIsRejectedNamingItsIndexAndNothingIsSent() {
        List<List<String>> asked = new ArrayList<>();
        KnownItems known = itemIds -> {
            asked.add(itemIds);
            return itemIds.indexOf("i2");
        };
        try (EventPublisher publisher = unreachable(known)) {
            String batch = "[" + event(1, "view") + "," + event(2, "view") + "," + event(3, "view") + "]";
            EventPublisher.UnknownItemException e =
                    assertThrows(EventPublisher.UnknownItemException.class, () -> publisher.publish(batch));
            assertEquals("[1].itemId", e.field());
            assertTrue(e.getMessage().contains("'i2'"), e.getMessage());
            assertEquals(List.of(List.of("i1", "i2", "i3")), asked, "one look-up for the whole batch");

            EventPublisher.UnknownItemException single =
                    assertThrows(EventPublisher.UnknownItemException.class, () -> publisher.publish(event(2, "view")));
            assertEquals("itemId", single.field());
        }
    }

    @Test
    void eventsTheBrokersDoNotConfirmMayBeStoredAndTheMessageSaysARetryIsSafe() {
        try (EventPublisher publisher = unreachable(KnownItems.ANY)) {
            EventPublisher.PublishException e =
                    assertThrows(EventPublisher.PublishException.class, () -> publisher.publish(event(1, "view")));
            assertEquals(EventPublisher.NOT_CONFIRMED, e.getMessage());
            assertTrue(e.getMessage().contains("may have been stored"), e.getMessage());
            assertTrue(e.getMessage().contains("Sending the same body again is safe"), e.getMessage());
        }
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
