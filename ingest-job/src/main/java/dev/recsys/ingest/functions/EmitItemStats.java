package dev.recsys.ingest.functions;

import dev.recsys.ingest.records.ItemStats;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns one window's counts ({@link CountInteractions}) into an {@link ItemStats} record. */
public final class EmitItemStats extends ProcessWindowFunction<long[], ItemStats, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final String window;

    /** @param window the window's name in the records, e.g. {@code PT1H} */
    public EmitItemStats(String window) {
        this.window = window;
    }

    @Override
    public void process(String itemId, Context context, Iterable<long[]> results, Collector<ItemStats> out) {
        for (long[] counts : results) {
            out.collect(new ItemStats(
                    itemId,
                    window,
                    context.window().getEnd(),
                    counts[CountInteractions.VIEWS],
                    counts[CountInteractions.CLICKS],
                    counts[CountInteractions.CARTS],
                    counts[CountInteractions.PURCHASES],
                    counts[CountInteractions.TOTAL]));
        }
    }
}
