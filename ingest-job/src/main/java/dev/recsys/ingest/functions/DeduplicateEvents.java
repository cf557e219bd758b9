package dev.recsys.ingest.functions;

import dev.recsys.ingest.records.EnrichedInteraction;
import dev.recsys.ingest.state.SeenEventIds;
import dev.recsys.ranker.records.InteractionEvent;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
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
 * shuffle of its own. Each id is kept as its 64-bit hash ({@link EventIdHash}), in one of two
 * layouts ({@link Layout}) that suit the two state backends; a processing-time sweep per item
 * removes expired ids at most every {@code TTL / SWEEPS_PER_TTL} (Flink's own state TTL would
 * re-check a whole item's ids on every access, which costs more than everything else here on
 * popular items).
 *
 * <p>Also counts events that arrive behind the watermark ({@code lateEvents}): they are still
 * passed on and applied to profiles (the profile rule does not depend on order), but event-time
 * windows ({@code item-stats}) may have closed for them.
 */
public final class DeduplicateEvents extends KeyedProcessFunction<String, EnrichedInteraction, EnrichedInteraction> {
    private static final long serialVersionUID = 1L;

    /** How many sweeps an id may live through: ids are gone between 1 and 1 + 1/8 TTLs after first seen. */
    static final int SWEEPS_PER_TTL = 8;

    /** How an item's ids are kept in keyed state. */
    public enum Layout {
        /** Generations of ids in primitive arrays, one value per item ({@link SeenIdsInGenerations}): for heap state. */
        GENERATIONS,
        /** One map entry per id ({@link SeenIdsInMap}): for RocksDB, where an access touches one entry. */
        MAP
    }

    private final long ttlMillis;
    private final Layout layout;

    private transient SeenIds seen;
    private transient Counter duplicates;
    private transient Counter late;

    /**
     * @param ttl how long an eventId is remembered, positive
     * @param layout how the ids are kept; either reads the other's state from a savepoint
     */
    public DeduplicateEvents(Duration ttl, Layout layout) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        this.ttlMillis = ttl.toMillis();
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    @Override
    public void open(OpenContext context) {
        MapState<Long, Long> map = getRuntimeContext().getMapState(SeenIdsInMap.descriptor());
        ValueState<SeenEventIds> generations = getRuntimeContext().getState(SeenIdsInGenerations.descriptor());
        seen = switch (layout) {
            case GENERATIONS -> new SeenIdsInGenerations(generations, map, ttlMillis);
            case MAP -> new SeenIdsInMap(map, generations, ttlMillis);
        };
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
        if (!seen.addIfNew(id, now, ctx.timerService())) {
            duplicates.inc();
            return;
        }
        if (event.ts() < ctx.timerService().currentWatermark()) {
            late.inc();
        }
        out.collect(interaction);
    }

    /** Removes the item's expired ids and schedules the next sweep while any are left. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EnrichedInteraction> out) throws Exception {
        long next = seen.sweep(timestamp);
        if (next > 0) {
            ctx.timerService().registerProcessingTimeTimer(next);
        }
    }
}
