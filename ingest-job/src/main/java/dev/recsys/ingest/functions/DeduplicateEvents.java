package dev.recsys.ingest.functions;

import dev.recsys.ranker.records.InteractionEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops replays of an event, keyed by eventId: the first arrival passes, later ones with the same
 * id within the TTL are counted ({@code duplicates}) and dropped. A duplicate is not an error, so it
 * is not dead-lettered. The remembered ids expire after the TTL (processing time), which bounds the
 * state to the ids of one TTL's worth of traffic.
 *
 * <p>Also counts events that arrive behind the watermark ({@code lateEvents}): they are still
 * passed on and applied to profiles (the profile rule does not depend on order), but event-time
 * windows ({@code item-stats}) have already closed for them.
 */
public final class DeduplicateEvents extends KeyedProcessFunction<String, InteractionEvent, InteractionEvent> {
    private static final long serialVersionUID = 1L;

    private final Duration ttl;

    private transient ValueState<Boolean> seen;
    private transient Counter duplicates;
    private transient Counter late;

    /** @param ttl how long an eventId is remembered, positive */
    public DeduplicateEvents(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        seen = getRuntimeContext().getState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicates");
        late = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    /** The value of one of this instance's counters ({@code duplicates}, {@code lateEvents}), for tests. */
    long count(String counter) {
        return switch (counter) {
            case "duplicates" -> duplicates.getCount();
            case "lateEvents" -> late.getCount();
            default -> throw new IllegalArgumentException("no counter " + counter);
        };
    }

    @Override
    public void processElement(InteractionEvent event, Context ctx, Collector<InteractionEvent> out) throws Exception {
        if (seen.value() != null) {
            duplicates.inc();
            return;
        }
        seen.update(Boolean.TRUE);
        Long timestamp = ctx.timestamp();
        if (timestamp != null && timestamp < ctx.timerService().currentWatermark()) {
            late.inc();
        }
        out.collect(event);
    }
}
