package dev.recsys.ingest.functions;

import dev.recsys.ingest.records.EnrichedInteraction;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemStats;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per-item interaction counts over a sliding event-time window, keyed by itemId: when the
 * watermark passes the end of a window {@code [end - size, end)} (ends are multiples of the slide)
 * and the item had events in it, one {@link ItemStats} is emitted. The output is what Flink's
 * {@code SlidingEventTimeWindows} with an incremental count would emit, at a fraction of the cost:
 * an event is counted once in its slide's bucket ({@link SlideBuckets}) and a window is summed from
 * the buckets when it fires, instead of being added to every one of the {@code size/slide} windows
 * with a timer each.
 *
 * <p>An event whose windows have all fired already (more than {@code size} behind the watermark)
 * is not counted; one that is late for some windows counts in those still to fire, as with Flink's
 * windows. One timer per item is pending at any time: the end of the next window to fire.
 */
public final class SlidingItemCounts extends KeyedProcessFunction<String, EnrichedInteraction, ItemStats> {
    private static final long serialVersionUID = 1L;

    private final String label;
    private final long slideMillis;
    private final long slidesPerWindow;

    /** {@link SlideBuckets}: the counted slides and the end of the window whose timer is pending. */
    private transient ValueState<long[]> buckets;

    /**
     * @param label the window's name in the records, e.g. {@code PT1H}
     * @param size how much event time a window covers; a multiple of {@code slide}
     * @param slide the distance between window ends
     */
    public SlidingItemCounts(String label, Duration size, Duration slide) {
        if (slide.toMillis() < 1 || size.toMillis() < slide.toMillis() || size.toMillis() % slide.toMillis() != 0) {
            throw new IllegalArgumentException("size must be a positive multiple of slide, got " + size + "/" + slide);
        }
        this.label = label;
        this.slideMillis = slide.toMillis();
        this.slidesPerWindow = size.toMillis() / slide.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        buckets = getRuntimeContext()
                .getState(new ValueStateDescriptor<>(
                        "slide-buckets", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(EnrichedInteraction interaction, Context ctx, Collector<ItemStats> out)
            throws Exception {
        InteractionEvent event = interaction.event();
        long slide = Math.floorDiv(event.ts(), slideMillis);
        long watermark = ctx.timerService().currentWatermark();
        // The first window of this event that has not fired yet: windows fire at end - 1.
        long end = Math.max((slide + 1) * slideMillis, nextEndAfter(watermark));
        if (end > (slide + slidesPerWindow) * slideMillis) {
            return; // every window of this event has fired
        }
        long[] current = buckets.value();
        long[] next = SlideBuckets.add(current == null ? SlideBuckets.empty() : current, slide, event.type());
        if (end < SlideBuckets.pendingEnd(next)) {
            ctx.timerService().registerEventTimeTimer(end - 1);
            SlideBuckets.setPendingEnd(next, end);
        }
        buckets.update(next);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ItemStats> out) throws Exception {
        long end = timestamp + 1;
        long endSlide = end / slideMillis;
        long[] current = buckets.value();
        if (current == null) {
            return;
        }
        long[] counts = SlideBuckets.sum(current, endSlide - slidesPerWindow, endSlide);
        if (counts[SlideBuckets.TOTAL] > 0) {
            out.collect(new ItemStats(
                    ctx.getCurrentKey(),
                    label,
                    end,
                    counts[SlideBuckets.VIEWS],
                    counts[SlideBuckets.CLICKS],
                    counts[SlideBuckets.CARTS],
                    counts[SlideBuckets.PURCHASES],
                    counts[SlideBuckets.TOTAL]));
        }
        // Slides before endSlide - n + 1 belong to no window still to fire.
        long[] remaining = SlideBuckets.dropBefore(current, endSlide - slidesPerWindow + 1);
        if (SlideBuckets.isEmpty(remaining)) {
            buckets.clear();
            return;
        }
        if (SlideBuckets.pendingEnd(remaining) <= end) {
            // The next window that contains a counted slide: skip windows that would be empty.
            // (A pending end after this one means this timer was for an earlier, out-of-order window.)
            long nextEnd = Math.max(end + slideMillis, (SlideBuckets.firstSlide(remaining) + 1) * slideMillis);
            ctx.timerService().registerEventTimeTimer(nextEnd - 1);
            SlideBuckets.setPendingEnd(remaining, nextEnd);
        }
        buckets.update(remaining);
    }

    /** The end of the first window that fires after {@code watermark}. */
    private long nextEndAfter(long watermark) {
        if (watermark == Long.MIN_VALUE || watermark == Long.MAX_VALUE) {
            return watermark; // none yet, or the end of input (everything has fired)
        }
        // A window ending at e fires when the watermark reaches e - 1.
        return (Math.floorDiv(watermark + 1, slideMillis) + 1) * slideMillis;
    }
}
