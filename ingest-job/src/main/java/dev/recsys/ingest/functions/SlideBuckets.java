package dev.recsys.ingest.functions;

import dev.recsys.ranker.records.EventType;

/**
 * One item's interaction counts per slide of event time, for the slides that still belong to a
 * window that has not fired, in one {@code long[]} (cheap to keep in keyed state and to snapshot):
 * a header (the end of the window whose timer is pending, {@code Long.MAX_VALUE} for none), then a
 * sparse, ascending list of {@code [slide, views, clicks, carts, purchases, total]} groups.
 * A window of {@code n} slides ending at slide {@code e} (exclusive) is the sum of the groups in
 * {@code [e - n, e)}.
 *
 * <p>This replaces a sliding window operator, which adds every event to each of the {@code
 * size/slide} windows it belongs to and registers a timer for each: here an event is one add.
 */
final class SlideBuckets {
    static final int VIEWS = 0;
    static final int CLICKS = 1;
    static final int CARTS = 2;
    static final int PURCHASES = 3;
    static final int TOTAL = 4;

    private static final int HEADER = 1;
    private static final int GROUP = 6;

    private SlideBuckets() {}

    /** No slides and no pending timer. */
    static long[] empty() {
        return new long[] {Long.MAX_VALUE};
    }

    static boolean isEmpty(long[] buckets) {
        return buckets.length == HEADER;
    }

    /** The end of the window whose timer is pending, {@code Long.MAX_VALUE} for none. */
    static long pendingEnd(long[] buckets) {
        return buckets[0];
    }

    static void setPendingEnd(long[] buckets, long end) {
        buckets[0] = end;
    }

    /** {@code buckets} with one event of {@code type} counted in {@code slide}; may return a new array. */
    static long[] add(long[] buckets, long slide, EventType type) {
        int at = HEADER;
        while (at < buckets.length && buckets[at] < slide) {
            at += GROUP;
        }
        long[] result = buckets;
        if (at == buckets.length || buckets[at] != slide) {
            result = new long[buckets.length + GROUP];
            System.arraycopy(buckets, 0, result, 0, at);
            System.arraycopy(buckets, at, result, at + GROUP, buckets.length - at);
            result[at] = slide;
        }
        int column =
                switch (type) {
                    case VIEW -> VIEWS;
                    case CLICK -> CLICKS;
                    case ADD_TO_CART -> CARTS;
                    case PURCHASE -> PURCHASES;
                    default -> -1;
                };
        if (column >= 0) {
            result[at + 1 + column]++;
        }
        result[at + 1 + TOTAL]++;
        return result;
    }

    /** Counts summed over slides {@code [from, to)}: {@code [views, clicks, carts, purchases, total]}. */
    static long[] sum(long[] buckets, long from, long to) {
        long[] sum = new long[5];
        for (int at = HEADER; at < buckets.length; at += GROUP) {
            if (buckets[at] >= from && buckets[at] < to) {
                for (int i = 0; i < 5; i++) {
                    sum[i] += buckets[at + 1 + i];
                }
            }
        }
        return sum;
    }

    /** {@code buckets} without the slides before {@code from}. */
    static long[] dropBefore(long[] buckets, long from) {
        int at = HEADER;
        while (at < buckets.length && buckets[at] < from) {
            at += GROUP;
        }
        if (at == HEADER) {
            return buckets;
        }
        long[] kept = new long[HEADER + buckets.length - at];
        kept[0] = buckets[0];
        System.arraycopy(buckets, at, kept, HEADER, buckets.length - at);
        return kept;
    }

    /** The earliest slide counted; {@code buckets} must not be empty. */
    static long firstSlide(long[] buckets) {
        return buckets[HEADER];
    }
}
