package dev.recsys.ingest.functions;

import dev.recsys.ingest.records.DeadLetter;
import dev.recsys.ingest.records.EnrichedInteraction;
import dev.recsys.ingest.records.PendingInteraction;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Joins interactions with their item's vectors, keyed by itemId on both inputs. Each item's latest
 * vectors live in keyed state (last write wins, as in the compacted topic); there is no broadcast
 * of the whole catalog.
 *
 * <p>An interaction whose item has no vectors yet (a new product whose vectors are still being
 * computed, or the job catching up on {@code item-vectors}) is buffered and released, in arrival
 * order, as soon as the vectors arrive. If they do not arrive within the configured wait
 * (processing time) it goes to {@link #UNKNOWN_ITEM} with the reason {@code unknown item <id>}.
 * Timers are rounded up to {@link #TIMER_RESOLUTION_MS} so one item holds at most one timer per
 * second however busy it is.
 */
public final class JoinItemVectors
        extends KeyedCoProcessFunction<String, InteractionEvent, ItemVectors, EnrichedInteraction> {
    private static final long serialVersionUID = 1L;

    /** Interactions whose item never got vectors, bound for {@code interactions-dlq}. */
    public static final OutputTag<DeadLetter> UNKNOWN_ITEM =
            new OutputTag<>("unknown-item", TypeInformation.of(DeadLetter.class));

    public static final long TIMER_RESOLUTION_MS = 1000;

    private final long waitMillis;

    private transient ValueState<ItemVectors> vectors;
    private transient ListState<PendingInteraction> pending;
    private transient Counter buffered;
    private transient Counter unknown;

    /** @param wait how long an interaction may wait for its item's vectors, not negative */
    public JoinItemVectors(Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative, got " + wait);
        }
        this.waitMillis = wait.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        vectors = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("item-vectors", TypeInformation.of(ItemVectors.class)));
        pending = getRuntimeContext()
                .getListState(new ListStateDescriptor<>(
                        "pending-interactions", TypeInformation.of(PendingInteraction.class)));
        buffered = getRuntimeContext().getMetricGroup().counter("interactionsAwaitingItem");
        unknown = getRuntimeContext().getMetricGroup().counter("interactionsUnknownItem");
    }

    @Override
    public void processElement1(InteractionEvent event, Context ctx, Collector<EnrichedInteraction> out)
            throws Exception {
        ItemVectors item = vectors.value();
        if (item != null) {
            out.collect(new EnrichedInteraction(event, item));
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        pending.add(new PendingInteraction(event, now));
        ctx.timerService().registerProcessingTimeTimer(deadline(now));
        buffered.inc();
    }

    @Override
    public void processElement2(ItemVectors item, Context ctx, Collector<EnrichedInteraction> out) throws Exception {
        vectors.update(item);
        for (PendingInteraction waiting : waiting()) {
            out.collect(new EnrichedInteraction(waiting.event(), item));
            ctx.timerService().deleteProcessingTimeTimer(deadline(waiting.arrivedAt()));
        }
        pending.clear();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EnrichedInteraction> out) throws Exception {
        List<PendingInteraction> stillWaiting = new ArrayList<>();
        for (PendingInteraction waiting : waiting()) {
            if (deadline(waiting.arrivedAt()) <= timestamp) {
                unknown.inc();
                ctx.output(UNKNOWN_ITEM, deadLetter(waiting.event(), timestamp));
            } else {
                stillWaiting.add(waiting);
            }
        }
        if (stillWaiting.isEmpty()) {
            pending.clear();
        } else {
            pending.update(stillWaiting);
        }
    }

    private Iterable<PendingInteraction> waiting() throws Exception {
        Iterable<PendingInteraction> all = pending.get();
        return all == null ? List.of() : all;
    }

    private long deadline(long arrivedAt) {
        long due = arrivedAt + waitMillis;
        return Math.ceilDiv(due, TIMER_RESOLUTION_MS) * TIMER_RESOLUTION_MS;
    }

    private DeadLetter deadLetter(InteractionEvent event, long now) {
        String reason = "unknown item " + event.itemId() + " (no item vectors within " + waitMillis + " ms)";
        return new DeadLetter(event.userId(), InteractionEventJson.write(event), "itemId", reason, now);
    }
}
