package dev.recsys.ingest.functions;

import org.apache.flink.streaming.api.TimerService;

/**
 * Where {@link DeduplicateEvents} remembers the current item's event ids (as {@link EventIdHash}es),
 * in keyed state. Times are processing times in epoch milliseconds.
 */
interface SeenIds {
    /**
     * Remembers {@code hash} as first seen at {@code now}, unless it was seen within the TTL before;
     * when the item held no ids, registers its first {@link #sweep} with {@code timers}.
     *
     * @return whether the id was new
     */
    boolean addIfNew(long hash, long now, TimerService timers) throws Exception;

    /**
     * Forgets the ids that have expired by {@code now}.
     *
     * @return the time of the next sweep, or 0 when no ids are left (and the item's state is gone)
     */
    long sweep(long now) throws Exception;
}
