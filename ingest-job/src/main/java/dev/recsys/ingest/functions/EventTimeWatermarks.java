package dev.recsys.ingest.functions;

import dev.recsys.ranker.records.InteractionEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** The job's two watermark strategies. */
public final class EventTimeWatermarks {
    private EventTimeWatermarks() {}

    /**
     * Event time of an interaction is its {@code ts}. The watermark trails the newest ts by {@code
     * outOfOrderness}; a quiet split is marked idle after {@code idleness} so it does not hold the
     * others back. Late interactions are still applied (the profile rule is order-independent);
     * the watermark matters to event-time windows.
     */
    public static WatermarkStrategy<InteractionEvent> interactions(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<InteractionEvent>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((event, previous) -> event.ts())
                .withIdleness(idleness);
    }

    /**
     * Item vectors are reference data, not events: their input must never hold back the event time
     * of the interactions they are joined with. Its watermark is therefore the end of time.
     */
    public static <T> WatermarkStrategy<T> referenceData() {
        return context -> new EndOfTime<>();
    }

    private static final class EndOfTime<T> implements WatermarkGenerator<T> {
        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }
    }
}
