package dev.recsys.ingest.functions;

import static dev.recsys.ingest.Fixtures.event;
import static dev.recsys.ingest.Fixtures.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ingest.records.EnrichedInteraction;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.ItemStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class SlidingItemCountsTest {
    private static final long MINUTE = 60_000;
    private static final Comparator<ItemStats> ORDER =
            Comparator.comparingLong(ItemStats::windowEnd).thenComparing(ItemStats::itemId);

    private static KeyedOneInputStreamOperatorTestHarness<String, EnrichedInteraction, ItemStats> harness(
            Duration size, Duration slide) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new SlidingItemCounts("W", size, slide),
                interaction -> interaction.event().itemId(),
                Types.STRING);
    }

    private static EnrichedInteraction interaction(int n, String itemId, EventType type, long ts) {
        return new EnrichedInteraction(event("e" + n, "u1", itemId, type, ts), item(itemId, new float[] {1}));
    }

    private static ItemStats stats(
            String itemId, long end, long views, long clicks, long carts, long purchases, long total) {
        return new ItemStats(itemId, "W", end, views, clicks, carts, purchases, total);
    }

    @Test
    void everyWindowContainingAnEventFiresOnceTheWatermarkPassesItsEnd() throws Exception {
        try (var harness = harness(Duration.ofMinutes(30), Duration.ofMinutes(10))) {
            harness.open();
            harness.processElement(interaction(1, "shoe", EventType.VIEW, 5 * MINUTE), 5 * MINUTE);
            harness.processElement(interaction(2, "shoe", EventType.PURCHASE, 12 * MINUTE), 12 * MINUTE);
            harness.processElement(interaction(3, "shoe", EventType.RATE, 12 * MINUTE), 12 * MINUTE);

            harness.processWatermark(10 * MINUTE - 2);
            assertEquals(List.of(), harness.extractOutputValues(), "no window has ended yet");

            harness.processWatermark(60 * MINUTE);
            assertEquals(
                    List.of(
                            stats("shoe", 10 * MINUTE, 1, 0, 0, 0, 1),
                            stats("shoe", 20 * MINUTE, 1, 0, 0, 1, 3),
                            stats("shoe", 30 * MINUTE, 1, 0, 0, 1, 3),
                            stats("shoe", 40 * MINUTE, 0, 0, 0, 1, 2)),
                    harness.extractOutputValues());
        }
    }

    @Test
    void aLateEventCountsOnlyInTheWindowsStillToFire() throws Exception {
        try (var harness = harness(Duration.ofMinutes(30), Duration.ofMinutes(10))) {
            harness.open();
            harness.processWatermark(20 * MINUTE - 1); // windows ending at 10 and 20 have fired
            harness.processElement(interaction(1, "shoe", EventType.CLICK, 5 * MINUTE), 5 * MINUTE);
            harness.processElement(interaction(2, "sock", EventType.CLICK, 5 * MINUTE - 30 * MINUTE), 0);
            harness.processWatermark(60 * MINUTE);

            assertEquals(List.of(stats("shoe", 30 * MINUTE, 0, 1, 0, 0, 1)), harness.extractOutputValues());
        }
    }

    @Test
    void stateIsClearedOnceTheLastWindowHasFired() throws Exception {
        try (var harness = harness(Duration.ofMinutes(20), Duration.ofMinutes(10))) {
            harness.open();
            harness.processElement(interaction(1, "shoe", EventType.VIEW, 5 * MINUTE), 5 * MINUTE);
            assertTrue(harness.numKeyedStateEntries() > 0);
            harness.processWatermark(100 * MINUTE);

            assertEquals(2, harness.extractOutputValues().size());
            assertEquals(0, harness.numKeyedStateEntries());
            assertEquals(0, harness.numEventTimeTimers());
        }
    }

    /** Seeded random events, out of order and late, against a direct model of Flink's sliding windows. */
    @Test
    void matchesSlidingWindowSemanticsOnRandomStreams() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            long slide = (1 + random.nextInt(5)) * MINUTE;
            int slides = 1 + random.nextInt(6);
            ReferenceWindows reference = new ReferenceWindows(slide * slides, slide);
            List<ItemStats> actual = new ArrayList<>();
            try (var harness = harness(Duration.ofMillis(slide * slides), Duration.ofMillis(slide))) {
                harness.open();
                long watermark = Long.MIN_VALUE;
                long clock = 0;
                for (int n = 0; n < 400; n++) {
                    clock += random.nextInt((int) MINUTE);
                    if (random.nextInt(10) == 0) {
                        watermark = Math.max(watermark, clock - random.nextInt((int) (5 * MINUTE)));
                        harness.processWatermark(watermark);
                        reference.advance(watermark);
                    }
                    long ts = Math.max(0, clock - random.nextInt((int) (8 * MINUTE)));
                    String itemId = "i" + random.nextInt(4);
                    EventType type = EventType.values()[random.nextInt(EventType.values().length)];
                    harness.processElement(interaction(n, itemId, type, ts), ts);
                    reference.add(itemId, type, ts);
                }
                harness.processWatermark(Long.MAX_VALUE);
                reference.advance(Long.MAX_VALUE);
                actual.addAll(harness.extractOutputValues());
                assertEquals(0, harness.numKeyedStateEntries(), "seed " + seed);
            }
            List<ItemStats> expected = reference.fired();
            actual.sort(ORDER);
            expected.sort(ORDER);
            assertEquals(expected, actual, "seed " + seed + ", slide " + slide + ", slides " + slides);
        }
    }

    @Test
    void sizeMustBeAMultipleOfTheSlide() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new SlidingItemCounts("W", Duration.ofMinutes(25), Duration.ofMinutes(10)));
    }

    /** Every window kept apart, as a window operator would: an event goes into each window not yet fired. */
    private static final class ReferenceWindows {
        private final long size;
        private final long slide;
        private final Map<Long, Map<String, long[]>> open = new TreeMap<>();
        private final List<ItemStats> fired = new ArrayList<>();
        private long watermark = Long.MIN_VALUE;

        ReferenceWindows(long size, long slide) {
            this.size = size;
            this.slide = slide;
        }

        void add(String itemId, EventType type, long ts) {
            long lastStart = Math.floorDiv(ts, slide) * slide;
            for (long start = lastStart; start > ts - size; start -= slide) {
                long end = start + size;
                if (end - 1 <= watermark) {
                    continue;
                }
                long[] counts =
                        open.computeIfAbsent(end, e -> new TreeMap<>()).computeIfAbsent(itemId, i -> new long[5]);
                switch (type) {
                    case VIEW -> counts[0]++;
                    case CLICK -> counts[1]++;
                    case ADD_TO_CART -> counts[2]++;
                    case PURCHASE -> counts[3]++;
                    default -> {}
                }
                counts[4]++;
            }
        }

        void advance(long to) {
            watermark = to;
            var due = new ArrayList<Long>();
            for (long end : open.keySet()) {
                if (end - 1 <= to) {
                    due.add(end);
                }
            }
            for (long end : due) {
                open.remove(end)
                        .forEach((itemId, c) ->
                                fired.add(new ItemStats(itemId, "W", end, c[0], c[1], c[2], c[3], c[4])));
            }
        }

        List<ItemStats> fired() {
            return new ArrayList<>(fired);
        }
    }
}
