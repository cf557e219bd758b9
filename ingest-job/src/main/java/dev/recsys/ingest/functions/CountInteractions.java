package dev.recsys.ingest.functions;

import dev.recsys.ranker.records.InteractionEvent;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Counts one item's interactions in a window by type, incrementally (one small array per window,
 * not the events): {@code [views, clicks, carts, purchases, total]}; {@code total} counts every
 * type, ratings and dislikes included.
 */
public final class CountInteractions implements AggregateFunction<InteractionEvent, long[], long[]> {
    private static final long serialVersionUID = 1L;

    static final int VIEWS = 0;
    static final int CLICKS = 1;
    static final int CARTS = 2;
    static final int PURCHASES = 3;
    static final int TOTAL = 4;

    @Override
    public long[] createAccumulator() {
        return new long[5];
    }

    @Override
    public long[] add(InteractionEvent event, long[] counts) {
        switch (event.type()) {
            case VIEW -> counts[VIEWS]++;
            case CLICK -> counts[CLICKS]++;
            case ADD_TO_CART -> counts[CARTS]++;
            case PURCHASE -> counts[PURCHASES]++;
            default -> {}
        }
        counts[TOTAL]++;
        return counts;
    }

    @Override
    public long[] getResult(long[] counts) {
        return counts;
    }

    @Override
    public long[] merge(long[] a, long[] b) {
        long[] sum = new long[5];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }
}
