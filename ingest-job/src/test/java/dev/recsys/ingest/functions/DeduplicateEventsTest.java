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
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every behaviour holds for both layouts; each test runs on both. */
class DeduplicateEventsTest {
    private static final long NOW = 1_000_000L;
    private static final Duration TTL = Duration.ofHours(24);
    /** The longest an id may be remembered: 1 + 1/SWEEPS_PER_TTL TTLs. */
    private static final long LONGEST = TTL.toMillis() + TTL.toMillis() / DeduplicateEvents.SWEEPS_PER_TTL;

    private DeduplicateEvents function;
    private KeyedOneInputStreamOperatorTestHarness<String, EnrichedInteraction, EnrichedInteraction> harness;

    private void open(DeduplicateEvents.Layout layout) throws Exception {
        open(layout, null);
    }

    private void open(DeduplicateEvents.Layout layout, OperatorSubtaskState restored) throws Exception {
        function = new DeduplicateEvents(TTL, layout);
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(function),
                interaction -> interaction.event().itemId(),
                Types.STRING);
        harness.setup();
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        harness.setProcessingTime(NOW);
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
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

    @ParameterizedTest
    @EnumSource(DeduplicateEvents.Layout.class)
    void replayOfAnEventIsDroppedAndCounted(DeduplicateEvents.Layout layout) throws Exception {
        open(layout);
        EnrichedInteraction first = view("e1", 100);
        harness.processElement(first, 100);
        harness.processElement(view("e1", 100), 100);
        harness.processElement(view("e2", 200), 200);
        harness.processElement(view("e1", 100), 100);

        assertEquals(List.of(first.event(), view("e2", 200).event()), events());
        assertEquals(2, counter("duplicates"));
    }

    @ParameterizedTest
    @EnumSource(DeduplicateEvents.Layout.class)
    void idsAreRememberedPerItemAndExpireOneByOne(DeduplicateEvents.Layout layout) throws Exception {
        open(layout);
        harness.processElement(view("e1", "shoe", 100), 100);
        harness.setProcessingTime(NOW + TTL.toMillis() / 2);
        harness.processElement(view("e2", "shoe", 200), 200);
        harness.processElement(view("e3", "sock", 300), 300);
        harness.setProcessingTime(NOW + LONGEST);

        harness.processElement(view("e1", "shoe", 100), 100); // expired: accepted again
        harness.processElement(view("e2", "shoe", 200), 200); // still remembered
        harness.processElement(view("e3", "sock", 300), 300); // still remembered

        assertEquals(4, harness.extractOutputValues().size());
        assertEquals(2, counter("duplicates"));
    }

    @ParameterizedTest
    @EnumSource(DeduplicateEvents.Layout.class)
    void anIdIsRememberedForAtLeastTheTtlAndForgottenWithinAnEighthMore(DeduplicateEvents.Layout layout)
            throws Exception {
        open(layout);
        harness.processElement(view("e1", 100), 100);
        harness.setProcessingTime(NOW + TTL.toMillis() - 1);
        harness.processElement(view("e1", 100), 100);
        assertEquals(1, counter("duplicates"));

        harness.setProcessingTime(NOW + LONGEST);
        harness.processElement(view("e1", 100), 100);

        assertEquals(2, harness.extractOutputValues().size());
        assertEquals(1, counter("duplicates"));
    }

    @ParameterizedTest
    @EnumSource(DeduplicateEvents.Layout.class)
    void eventBehindTheWatermarkIsPassedOnAndCountedAsLate(DeduplicateEvents.Layout layout) throws Exception {
        open(layout);
        harness.processWatermark(1_000);
        EnrichedInteraction late = view("e1", 500);
        EnrichedInteraction onTime = view("e2", 1_500);

        harness.processElement(late, 500);
        harness.processElement(onTime, 1_500);

        assertEquals(List.of(late.event(), onTime.event()), events());
        assertEquals(1, counter("lateEvents"));
    }

    @ParameterizedTest
    @EnumSource(DeduplicateEvents.Layout.class)
    void sweepsRemoveExpiredIdsAndStopWhenNoneAreLeft(DeduplicateEvents.Layout layout) throws Exception {
        open(layout);
        harness.processElement(view("e1", "shoe", 100), 100);
        harness.setProcessingTime(NOW + TTL.toMillis() / 2);
        harness.processElement(view("e2", "shoe", 200), 200);
        assertEquals(1, harness.numProcessingTimeTimers());

        harness.setProcessingTime(NOW + LONGEST); // e1 expires, e2 is kept
        assertEquals(1, harness.numKeyedStateEntries());
        assertEquals(1, harness.numProcessingTimeTimers());
        harness.processElement(view("e2", "shoe", 200), 200);
        assertEquals(1, counter("duplicates"));

        harness.setProcessingTime(NOW + TTL.toMillis() / 2 + LONGEST);
        assertEquals(0, harness.numKeyedStateEntries());
        assertEquals(0, harness.numProcessingTimeTimers());
    }

    @Test
    void generationsTakeOverTheIdsOfTheMapLayoutFromASavepoint() throws Exception {
        open(DeduplicateEvents.Layout.MAP);
        harness.processElement(view("e1", "shoe", 100), 100);
        harness.setProcessingTime(NOW + TTL.toMillis() / 2);
        harness.processElement(view("e2", "shoe", 200), 200);
        OperatorSubtaskState savepoint = harness.snapshot(1, NOW + TTL.toMillis() / 2);
        harness.close();

        open(DeduplicateEvents.Layout.GENERATIONS, savepoint);
        harness.setProcessingTime(NOW + TTL.toMillis() / 2 + 1);
        harness.processElement(view("e1", "shoe", 100), 100);
        harness.processElement(view("e2", "shoe", 200), 200);
        harness.processElement(view("e3", "shoe", 300), 300);
        assertEquals(List.of(view("e3", "shoe", 300).event()), events());
        assertEquals(2, counter("duplicates"));
        assertEquals(1, harness.numKeyedStateEntries()); // the map's entries are gone

        harness.setProcessingTime(NOW + TTL.toMillis() / 2 + LONGEST + 1_000);
        assertEquals(0, harness.numKeyedStateEntries());
        assertEquals(0, harness.numProcessingTimeTimers());
    }

    @Test
    void theMapLayoutClearsGenerationsLeftByASavepointAtTheItemsNextSweep() throws Exception {
        open(DeduplicateEvents.Layout.GENERATIONS);
        harness.processElement(view("e1", "shoe", 100), 100);
        OperatorSubtaskState savepoint = harness.snapshot(1, NOW);
        harness.close();

        open(DeduplicateEvents.Layout.MAP, savepoint);
        assertEquals(1, harness.numKeyedStateEntries());
        harness.setProcessingTime(NOW + LONGEST);
        assertEquals(0, harness.numKeyedStateEntries());
        assertEquals(0, harness.numProcessingTimeTimers());
    }

    @Test
    void ttlMustBePositive() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new DeduplicateEvents(Duration.ZERO, DeduplicateEvents.Layout.GENERATIONS));
    }
}
