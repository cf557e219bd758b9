package dev.recsys.ingest.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ingest.records.DeadLetter;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.InvalidRecordException;
import java.util.Base64;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns raw {@code interactions} values into validated {@link InteractionEvent}s with the rules of
 * {@link InteractionEventJson} (the same code {@code POST /v1/events} runs). Anything else — not
 * UTF-8, empty, not JSON, a missing, oversized or bad field, a timestamp far in the future or
 * before 1990 — goes to {@link #REJECTED} with the reason and the field at fault. Bad input never
 * stops the job.
 */
public final class ParseInteraction extends ProcessFunction<byte[], InteractionEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ParseInteraction.class);

    /** Rejected interactions, bound for {@code interactions-dlq}. */
    public static final OutputTag<DeadLetter> REJECTED =
            new OutputTag<>("rejected-interactions", TypeInformation.of(DeadLetter.class));

    static final String NOT_UTF8 = "value is not valid UTF-8 (raw shown as base64)";

    private transient Counter accepted;
    private transient Counter rejected;

    @Override
    public void open(OpenContext context) {
        accepted = getRuntimeContext().getMetricGroup().counter("interactionsAccepted");
        rejected = getRuntimeContext().getMetricGroup().counter("interactionsRejected");
    }

    @Override
    public void processElement(byte[] value, Context ctx, Collector<InteractionEvent> out) {
        long now = ctx.timerService().currentProcessingTime();
        String text = StrictUtf8.decodeOrNull(value);
        if (text == null) {
            reject(ctx, new DeadLetter(null, Base64.getEncoder().encodeToString(value), null, NOT_UTF8, now));
            return;
        }
        ObjectNode node;
        try {
            node = Json.parseObject(text);
        } catch (InvalidRecordException e) {
            reject(ctx, new DeadLetter(null, text, e.field(), e.reason(), now));
            return;
        }
        try {
            InteractionEvent event = InteractionEventJson.fromNode(node, now);
            accepted.inc();
            out.collect(event);
        } catch (InvalidRecordException e) {
            reject(ctx, new DeadLetter(keyOf(node), text, e.field(), e.reason(), now));
        } catch (RuntimeException e) {
            // A record that trips an unexpected failure in parsing is still one bad record, not a
            // reason to restart the job (it would fail again on the same offset forever).
            LOG.warn("unexpected failure parsing an interaction; dead-lettering it", e);
            reject(ctx, new DeadLetter(null, text, null, "cannot be parsed: " + e, now));
        }
    }

    /** The dead letter's key: the record's userId when it has a usable one, so it lands beside the shopper's events. */
    private static String keyOf(ObjectNode node) {
        JsonNode userId = node.get("userId");
        return userId != null && userId.isTextual() && !userId.asText().isBlank() ? userId.asText() : null;
    }

    private void reject(Context ctx, DeadLetter letter) {
        rejected.inc();
        ctx.output(REJECTED, letter);
    }
}
