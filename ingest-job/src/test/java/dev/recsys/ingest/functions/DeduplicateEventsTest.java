package dev.recsys.ingest.functions;

import static dev.recsys.ingest.Fixtures.event;
import static dev.recsys.ingest.Fixtures.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recsys.ingest.records.EnrichedInteraction;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeduplicateEventsTest {
    private static final long NOW = 1_000_000L;
    private static final Duration TTL = Duration.ofHours(24);

    private DeduplicateEvents function;
    private KeyedOneInputStreamOperatorTestHarness<String, EnrichedInteraction, EnrichedInteraction> harness;

    @BeforeEach
    void open() throws Exception {
        function = new DeduplicateEvents(TTL);
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                function, interaction -> interaction.event().itemId(), Types.STRING);
        harness.setProcessingTime(NOW);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static EnrichedInteraction view(String eventId, long ts) {
        return view(eventId, "shoe", ts);
    }

    private static EnrichedInteraction view(String eventId, String itemId, long ts) {
        InteractionEvent event = event(eventId, "u1", itemId, EventType.VIEW, ts);
        return new EnrichedInteraction(event, item(itemId, new float[] {1, 0}));
    }

    private List<InteractionEvent> events() {
        return harness.extractOutputValues().stream()
                .map(EnrichedInteraction::event)
                .toList();
    }

    private long counter(String name) {
        return function.count(name);
    }

    @Test
    void replayOfAnEventIsDroppedAndCounted() throws Exception {
        EnrichedInteraction first = view("e1", 100);
        harness.processElement(first, 100);
        harness.processElement(view("e1", 100), 100);
        harness.processElement(view("e2", 200), 200);
        harness.processElement(view("e1", 100), 100);

        assertEquals(List.of(first.event(), view("e2", 200).event()), events());
        assertEquals(2, counter("duplicates"));
    }

    @Test
    void idsAreRememberedPerItemAndExpireOneByOne() throws Exception {
        harness.processElement(view("e1", "shoe", 100), 100);
        harness.setProcessingTime(NOW + TTL.toMillis() / 2);
        harness.processElement(view("e2", "shoe", 200), 200);
        harness.processElement(view("e3", "sock", 300), 300);
        harness.setProcessingTime(NOW + TTL.toMillis() + 1);

        harness.processElement(view("e1", "shoe", 100), 100); // expired: accepted again
        harness.processElement(view("e2", "shoe", 200), 200); // still remembered
        harness.processElement(view("e3", "sock", 300), 300); // still remembered

        assertEquals(4, harness.extractOutputValues().size());
        assertEquals(2, counter("duplicates"));
    }

    @Test
    void sameEventIdIsAcceptedAgainOnceTheTtlHasPassed() throws Exception {
        harness.processElement(view("e1", 100), 100);
        harness.setProcessingTime(NOW + TTL.toMillis() + 1);

        harness.processElement(view("e1", 100), 100);

        assertEquals(2, harness.extractOutputValues().size());
        assertEquals(0, counter("duplicates"));
    }

    @Test
    void eventBehindTheWatermarkIsPassedOnAndCountedAsLate() throws Exception {
        harness.processWatermark(1_000);
        EnrichedInteraction late = view("e1", 500);
        EnrichedInteraction onTime = view("e2", 1_500);

        harness.processElement(late, 500);
        harness.processElement(onTime, 1_500);

        assertEquals(List.of(late.event(), onTime.event()), events());
        assertEquals(1, counter("lateEvents"));
    }

    @Test
    void sweepsRemoveExpiredIdsAndStopWhenNoneAreLeft() throws Exception {
        harness.processElement(view("e1", "shoe", 100), 100);
        harness.setProcessingTime(NOW + TTL.toMillis() / 2);
        harness.processElement(view("e2", "shoe", 200), 200);
        assertEquals(1, harness.numProcessingTimeTimers());

        harness.setProcessingTime(NOW + TTL.toMillis() + 1_000); // e1 expires, e2 is kept
        assertEquals(1, harness.numKeyedStateEntries());
        assertEquals(1, harness.numProcessingTimeTimers());
        harness.processElement(view("e2", "shoe", 200), 200);
        assertEquals(1, counter("duplicates"));

        harness.setProcessingTime(NOW + 2 * TTL.toMillis());
        assertEquals(0, harness.numKeyedStateEntries());
        assertEquals(0, harness.numProcessingTimeTimers());
    }

    @Test
    void ttlMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new DeduplicateEvents(Duration.ZERO));
    }
}
