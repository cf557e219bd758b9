package dev.recsys.ingest.functions;

/**
 * Where {@link DeduplicateEvents} remembers the current item's event ids (as {@link EventIdHash}es),
 * in keyed state. Times are processing times in epoch milliseconds.
 */
interface SeenIds {
    /** Whether {@code hash} was added within the TTL before {@code now}. */
    boolean contains(long hash, long now) throws Exception;

    /**
     * Remembers {@code hash} as first seen at {@code now}.
     *
     * @return when the item held no ids before, the time of its first {@link #sweep}; otherwise 0
     */
    long add(long hash, long now) throws Exception;

    /**
     * Forgets the ids that have expired by {@code now}.
     *
     * @return the time of the next sweep, or 0 when no ids are left (and the item's state is gone)
     */
    long sweep(long now) throws Exception;
}
