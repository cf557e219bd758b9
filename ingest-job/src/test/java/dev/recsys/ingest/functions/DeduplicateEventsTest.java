package dev.recsys.ingest.functions;

import static dev.recsys.ingest.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    private KeyedOneInputStreamOperatorTestHarness<String, InteractionEvent, InteractionEvent> harness;

    @BeforeEach
    void open() throws Exception {
        function = new DeduplicateEvents(TTL);
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(function, InteractionEvent::eventId, Types.STRING);
        harness.setProcessingTime(NOW);
        harness.setStateTtlProcessingTime(NOW);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static InteractionEvent view(String eventId, long ts) {
        return event(eventId, "u1", "shoe", EventType.VIEW, ts);
    }

    private long counter(String name) {
        return function.count(name);
    }

    @Test
    void replayOfAnEventIsDroppedAndCounted() throws Exception {
        InteractionEvent first = view("e1", 100);
        harness.processElement(first, 100);
        harness.processElement(view("e1", 100), 100);
        harness.processElement(view("e2", 200), 200);
        harness.processElement(view("e1", 100), 100);

        assertEquals(List.of(first, view("e2", 200)), harness.extractOutputValues());
        assertEquals(2, counter("duplicates"));
    }

    @Test
    void sameEventIdIsAcceptedAgainOnceTheTtlHasPassed() throws Exception {
        harness.processElement(view("e1", 100), 100);
        harness.setStateTtlProcessingTime(NOW + TTL.toMillis() + 1);

        harness.processElement(view("e1", 100), 100);

        assertEquals(2, harness.extractOutputValues().size());
        assertEquals(0, counter("duplicates"));
    }

    @Test
    void eventBehindTheWatermarkIsPassedOnAndCountedAsLate() throws Exception {
        harness.processWatermark(1_000);
        InteractionEvent late = view("e1", 500);
        InteractionEvent onTime = view("e2", 1_500);

        harness.processElement(late, 500);
        harness.processElement(onTime, 1_500);

        assertEquals(List.of(late, onTime), harness.extractOutputValues());
        assertEquals(1, counter("lateEvents"));
    }

    @Test
    void ttlMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new DeduplicateEvents(Duration.ZERO));
    }
}
