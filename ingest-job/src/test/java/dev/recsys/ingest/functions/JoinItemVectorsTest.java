package dev.recsys.ingest.functions;

import static dev.recsys.ingest.Fixtures.event;
import static dev.recsys.ingest.Fixtures.item;
import static dev.recsys.ingest.Fixtures.unitVector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recsys.ingest.records.DeadLetter;
import dev.recsys.ingest.records.EnrichedInteraction;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JoinItemVectorsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long T0 = 1_000_000L;

    private final Random random = new Random(7);
    private KeyedTwoInputStreamOperatorTestHarness<String, InteractionEvent, ItemVectors, EnrichedInteraction> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new JoinItemVectors(WAIT), InteractionEvent::itemId, ItemVectors::itemId, Types.STRING);
        harness.setProcessingTime(T0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private List<DeadLetter> deadLetters() {
        Queue<StreamRecord<DeadLetter>> queue = harness.getSideOutput(JoinItemVectors.UNKNOWN_ITEM);
        List<DeadLetter> letters = new ArrayList<>();
        if (queue != null) {
            queue.forEach(record -> letters.add(record.getValue()));
        }
        return letters;
    }

    private List<InteractionEvent> joinedEvents() {
        return harness.extractOutputValues().stream()
                .map(EnrichedInteraction::event)
                .toList();
    }

    @Test
    void interactionWithKnownItemIsJoinedAtOnce() throws Exception {
        ItemVectors shoe = item("shoe", unitVector(random));
        InteractionEvent view = event("e1", "u1", "shoe", EventType.VIEW, 10);

        harness.processElement2(shoe, 0);
        harness.processElement1(view, 10);

        assertEquals(List.of(view), joinedEvents());
        assertArrayEquals(
                shoe.content(), harness.extractOutputValues().get(0).item().content());
        assertEquals(0, harness.numProcessingTimeTimers());
    }

    @Test
    void interactionsBeforeTheVectorsAreReleasedInOrderWhenTheyArrive() throws Exception {
        InteractionEvent first = event("e1", "u1", "shoe", EventType.VIEW, 10);
        InteractionEvent second = event("e2", "u2", "shoe", EventType.PURCHASE, 20);
        ItemVectors shoe = item("shoe", unitVector(random));

        harness.processElement1(first, 10);
        harness.setProcessingTime(T0 + 5_000);
        harness.processElement1(second, 20);
        assertEquals(List.of(), harness.extractOutputValues());
        assertEquals(2, harness.numProcessingTimeTimers());

        harness.processElement2(shoe, 30);

        assertEquals(List.of(first, second), joinedEvents());
        assertArrayEquals(
                shoe.content(), harness.extractOutputValues().get(1).item().content());
        assertEquals(0, harness.numProcessingTimeTimers(), "release deletes the wait timers");
        assertEquals(1, harness.numKeyedStateEntries(), "only the item's vectors stay in state");

        harness.setProcessingTime(T0 + WAIT.toMillis() + 10_000);
        assertEquals(List.of(), deadLetters());
    }

    @Test
    void interactionStillWithoutVectorsAfterTheWaitIsDeadLettered() throws Exception {
        InteractionEvent view = event("e1", "u1", "ghost", EventType.VIEW, 10);

        harness.processElement1(view, 10);
        harness.setProcessingTime(T0 + WAIT.toMillis() - 1);
        assertEquals(List.of(), deadLetters());
        harness.setProcessingTime(T0 + WAIT.toMillis());

        List<DeadLetter> letters = deadLetters();
        assertEquals(1, letters.size());
        DeadLetter letter = letters.get(0);
        assertEquals("u1", letter.key());
        assertEquals("itemId", letter.field());
        assertEquals("unknown item ghost (no item vectors within 60000 ms)", letter.reason());
        assertEquals(InteractionEventJson.write(view), letter.raw());
        assertEquals(List.of(), harness.extractOutputValues());
        assertEquals(0, harness.numKeyedStateEntries(), "the buffer is cleared");
        assertEquals(0, harness.numProcessingTimeTimers());
    }

    @Test
    void eachBufferedInteractionWaitsItsOwnFullTime() throws Exception {
        InteractionEvent early = event("e1", "u1", "ghost", EventType.VIEW, 10);
        InteractionEvent late = event("e2", "u2", "ghost", EventType.VIEW, 20);

        harness.processElement1(early, 10);
        harness.setProcessingTime(T0 + 30_000);
        harness.processElement1(late, 20);
        harness.setProcessingTime(T0 + 60_000);

        assertEquals(List.of("u1"), deadLetters().stream().map(DeadLetter::key).toList());
        assertEquals(1, harness.numProcessingTimeTimers());

        harness.setProcessingTime(T0 + 90_000);

        assertEquals(
                List.of("u1", "u2"), deadLetters().stream().map(DeadLetter::key).toList());
        assertEquals(0, harness.numKeyedStateEntries());
    }

    @Test
    void newerVectorsReplaceOlderOnes() throws Exception {
        ItemVectors before = item("shoe", unitVector(random));
        ItemVectors after = new ItemVectors("shoe", 2, unitVector(random), null);
        InteractionEvent view = event("e1", "u1", "shoe", EventType.VIEW, 10);

        harness.processElement2(before, 0);
        harness.processElement2(after, 0);
        harness.processElement1(view, 10);

        assertEquals(2, harness.extractOutputValues().get(0).item().generation());
    }

    @Test
    void itemsAreJoinedOnlyWithTheirOwnVectors() throws Exception {
        harness.processElement2(item("shoe", unitVector(random)), 0);
        harness.processElement1(event("e1", "u1", "hat", EventType.VIEW, 10), 10);

        assertEquals(List.of(), harness.extractOutputValues());
        assertEquals(1, harness.numProcessingTimeTimers());
    }

    @Test
    void negativeWaitIsRejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new JoinItemVectors(Duration.ofMillis(-1)));
        assertEquals("wait must not be negative, got PT-0.001S", e.getMessage());
    }
}
