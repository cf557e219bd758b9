package dev.recsys.ingest.functions;

import dev.recsys.ingest.state.BlockTypeInfo;
import dev.recsys.ingest.state.SeenEventIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimerService;

/**
 * The item's ids in one {@link SeenEventIds} value, in generations of {@code TTL / SWEEPS_PER_TTL}
 * of processing time: the layout for heap state, where it costs 10–16 bytes per id in primitive
 * arrays instead of ~80 in map entries and boxes, and the garbage collector traces a few arrays per
 * item instead of three objects per id. A generation lives until a whole TTL has passed after its
 * end, so an id is remembered for at least the TTL and at most 1 + 1/{@code SWEEPS_PER_TTL} TTLs.
 *
 * <p>The value is changed in place: heap state hands out the stored object, and copies it first
 * when a running checkpoint still needs the old one.
 */
final class SeenIdsInGenerations implements SeenIds {
    static ValueStateDescriptor<SeenEventIds> descriptor() {
        return new ValueStateDescriptor<>("seen-event-id-generations", BlockTypeInfo.SEEN_EVENT_IDS);
    }

    private final ValueState<SeenEventIds> seen;
    private final MapState<Long, Long> earlierLayout;
    private final long ttlMillis;
    private final long span;

    /**
     * @param earlierLayout the state of {@link SeenIdsInMap}, left by a savepoint of an earlier
     *     version or of a job on RocksDB: moved into this layout when the item is next seen
     */
    SeenIdsInGenerations(ValueState<SeenEventIds> seen, MapState<Long, Long> earlierLayout, long ttlMillis) {
        this.seen = seen;
        this.earlierLayout = earlierLayout;
        this.ttlMillis = ttlMillis;
        this.span = Math.max(1, ttlMillis / DeduplicateEvents.SWEEPS_PER_TTL);
    }

    @Override
    public boolean addIfNew(long hash, long now, TimerService timers) throws Exception {
        SeenEventIds ids = current(now);
        boolean first = ids == null;
        if (first) {
            ids = new SeenEventIds();
        } else if (ids.contains(hash, oldestLive(now))) {
            return false;
        }
        ids.add(hash, Math.floorDiv(now, span));
        seen.update(ids);
        if (first) {
            timers.registerProcessingTimeTimer(expiry(ids.oldestGeneration()));
        }
        return true;
    }

    @Override
    public long sweep(long now) throws Exception {
        SeenEventIds ids = current(now);
        if (ids == null || !ids.expire(oldestLive(now))) {
            seen.clear();
            return 0;
        }
        seen.update(ids);
        return expiry(ids.oldestGeneration());
    }

    /** The item's ids, with those of the earlier layout moved in (into the generation of their first sighting). */
    private SeenEventIds current(long now) throws Exception {
        SeenEventIds ids = seen.value();
        if (ids != null || earlierLayout.isEmpty()) {
            return ids;
        }
        ids = new SeenEventIds();
        List<Map.Entry<Long, Long>> earlier = new ArrayList<>();
        earlierLayout.entries().forEach(earlier::add);
        earlier.sort(Map.Entry.comparingByValue()); // oldest first: generations are added in order
        for (Map.Entry<Long, Long> id : earlier) {
            if (now - id.getValue() < ttlMillis) {
                ids.add(id.getKey(), Math.floorDiv(id.getValue(), span));
            }
        }
        earlierLayout.clear();
        if (ids.isEmpty()) {
            return null;
        }
        seen.update(ids);
        return ids;
    }

    /** The oldest generation still live at {@code now}: the first whose {@link #expiry} is later. */
    private long oldestLive(long now) {
        return Math.floorDiv(now - ttlMillis, span);
    }

    /** When a generation's ids are all at least a TTL old. */
    private long expiry(long generation) {
        return (generation + 1) * span + ttlMillis;
    }
}
