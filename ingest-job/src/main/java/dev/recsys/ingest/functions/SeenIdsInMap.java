package dev.recsys.ingest.functions;

import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * One map entry per id, with the time it was first seen: the layout for RocksDB, where a lookup and
 * an insert touch one entry each however many ids the item has. An id no longer counts once the
 * TTL has passed; a sweep removes such ids at most every {@code TTL / SWEEPS_PER_TTL}.
 */
final class SeenIdsInMap implements SeenIds {
    /** The state; its name is also that of the layout every earlier version of the job kept on any backend. */
    static MapStateDescriptor<Long, Long> descriptor() {
        return new MapStateDescriptor<>("seen-event-hashes", Types.LONG, Types.LONG);
    }

    private static final long TIMER_RESOLUTION_MS = 1000;

    private final MapState<Long, Long> seen;
    private final ValueState<?> otherLayout;
    private final long ttlMillis;

    /**
     * @param otherLayout the state of {@link SeenIdsInGenerations}, left by a savepoint of a job on
     *     the heap backend: cleared at each item's first sweep (its timers are restored with it)
     */
    SeenIdsInMap(MapState<Long, Long> seen, ValueState<?> otherLayout, long ttlMillis) {
        this.seen = seen;
        this.otherLayout = otherLayout;
        this.ttlMillis = ttlMillis;
    }

    @Override
    public boolean addIfNew(long hash, long now, TimerService timers) throws Exception {
        Long firstSeen = seen.get(hash);
        if (firstSeen != null && now - firstSeen < ttlMillis) {
            return false;
        }
        if (firstSeen == null && seen.isEmpty()) {
            timers.registerProcessingTimeTimer(round(now + ttlMillis));
        }
        seen.put(hash, now);
        return true;
    }

    @Override
    public long sweep(long now) throws Exception {
        otherLayout.clear();
        long oldest = Long.MAX_VALUE;
        Iterator<Map.Entry<Long, Long>> ids = seen.iterator();
        while (ids.hasNext()) {
            long firstSeen = ids.next().getValue();
            if (now - firstSeen >= ttlMillis) {
                ids.remove();
            } else {
                oldest = Math.min(oldest, firstSeen);
            }
        }
        if (oldest == Long.MAX_VALUE) {
            seen.clear(); // drops the item's empty map from the state as well
            return 0;
        }
        return round(Math.max(oldest + ttlMillis, now + Math.max(1, ttlMillis / DeduplicateEvents.SWEEPS_PER_TTL)));
    }

    private static long round(long time) {
        return Math.ceilDiv(time, TIMER_RESOLUTION_MS) * TIMER_RESOLUTION_MS;
    }
}
