package dev.recsys.ingest.functions;

import dev.recsys.ingest.records.EnrichedInteraction;
import dev.recsys.ranker.records.InteractionEvent;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops replays of an event: the first arrival of an eventId passes, later ones within the TTL are
 * counted ({@code duplicates}) and dropped. A duplicate is not an error, so it is not
 * dead-lettered. The remembered ids expire after the TTL (processing time), which bounds the state
 * to the ids of one TTL's worth of traffic.
 *
 * <p>The stream is keyed by itemId (every copy of an event has the same item), so this runs
 * chained to the item join and the item statistics, in the same partition, instead of costing a
 * shuffle of its own. The ids live in a {@link MapState} per item with the time each was first
 * seen, each id as its 64-bit hash ({@link EventIdHash}): a fixed 8 bytes instead of the text, in
 * memory and in every checkpoint; an id older than the TTL no longer counts, and a processing-time sweep per item removes
 * such ids at most every {@code TTL / SWEEPS_PER_TTL} (Flink's own state TTL would re-check a
 * whole item's map on every access, which costs more than everything else here on popular items).
 *
 * <p>Also counts events that arrive behind the watermark ({@code lateEvents}): they are still
 * passed on and applied to profiles (the profile rule does not depend on order), but event-time
 * windows ({@code item-stats}) may have closed for them.
 */
public final class DeduplicateEvents extends KeyedProcessFunction<String, EnrichedInteraction, EnrichedInteraction> {
    private static final long serialVersionUID = 1L;

    /** How many sweeps an id may live through: ids are gone between 1 and 1 + 1/8 TTLs after first seen. */
    static final int SWEEPS_PER_TTL = 8;

    private static final long TIMER_RESOLUTION_MS = 1000;

    private final long ttlMillis;

    private transient MapState<Long, Long> seen;
    private transient Counter duplicates;
    private transient Counter late;

    /** @param ttl how long an eventId is remembered, positive */
    public DeduplicateEvents(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        this.ttlMillis = ttl.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen-event-hashes", Types.LONG, Types.LONG));
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
    public void processElement(EnrichedInteraction interaction, Context ctx, Collector<EnrichedInteraction> out)
            throws Exception {
        InteractionEvent event = interaction.event();
        long now = ctx.timerService().currentProcessingTime();
        long id = EventIdHash.of(event.eventId());
        Long firstSeen = seen.get(id);
        if (firstSeen != null && now - firstSeen < ttlMillis) {
            duplicates.inc();
            return;
        }
        if (seen.isEmpty()) {
            ctx.timerService().registerProcessingTimeTimer(round(now + ttlMillis));
        }
        seen.put(id, now);
        if (event.ts() < ctx.timerService().currentWatermark()) {
            late.inc();
        }
        out.collect(interaction);
    }

    /** Removes the item's expired ids and schedules the next sweep while any are left. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EnrichedInteraction> out) throws Exception {
        long oldest = Long.MAX_VALUE;
        Iterator<Map.Entry<Long, Long>> ids = seen.iterator();
        while (ids.hasNext()) {
            long firstSeen = ids.next().getValue();
            if (timestamp - firstSeen >= ttlMillis) {
                ids.remove();
            } else {
                oldest = Math.min(oldest, firstSeen);
            }
        }
        if (oldest == Long.MAX_VALUE) {
            seen.clear(); // drops the item's empty map from the state as well
        } else {
            long next = Math.max(oldest + ttlMillis, timestamp + Math.max(1, ttlMillis / SWEEPS_PER_TTL));
            ctx.timerService().registerProcessingTimeTimer(round(next));
        }
    }

    private static long round(long time) {
        return Math.ceilDiv(time, TIMER_RESOLUTION_MS) * TIMER_RESOLUTION_MS;
    }
}
