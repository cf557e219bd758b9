package dev.recsys.ingest.functions;

import dev.recsys.ingest.records.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/** Counts every record bound for {@code interactions-dlq} ({@code deadLetters}), whatever the reason. */
public final class CountDeadLetters extends RichMapFunction<DeadLetter, DeadLetter> {
    private static final long serialVersionUID = 1L;

    private transient Counter deadLetters;

    @Override
    public void open(OpenContext context) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public DeadLetter map(DeadLetter letter) {
        deadLetters.inc();
        return letter;
    }
}
