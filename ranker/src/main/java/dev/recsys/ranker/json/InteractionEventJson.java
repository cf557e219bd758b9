package dev.recsys.ranker.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * JSON form of {@link InteractionEvent}, with the validation rules of docs/CONTRACTS.md: the one
 * place they live, used alike by {@code POST /v1/events}, the stream job and training.
 */
public final class InteractionEventJson {
    /** Clocks drift and storefronts batch, but an event a day ahead of us is a bug upstream. */
    public static final long MAX_FUTURE_MILLIS = Duration.ofDays(1).toMillis();

    /**
     * 1990-01-01T00:00:00Z. No shop event is older; an earlier {@code ts} is nearly always epoch
     * seconds sent as milliseconds (which lands in January 1970) or a zero default.
     */
    public static final long MIN_TS = 631_152_000_000L;

    public static final int MAX_QUERY_LENGTH = 512;
    public static final double MAX_RATING = 5.0;

    // Names and punctuation encoded once.
    private static final byte[] EVENT_ID = JsonByteWriter.ascii("{\"eventId\":");
    private static final byte[] USER_ID = JsonByteWriter.ascii(",\"userId\":");
    private static final byte[] ITEM_ID = JsonByteWriter.ascii(",\"itemId\":");
    private static final byte[] TYPE = JsonByteWriter.ascii(",\"type\":");
    private static final byte[] TS = JsonByteWriter.ascii(",\"ts\":");
    private static final byte[] VALUE = JsonByteWriter.ascii(",\"value\":");
    private static final byte[] SESSION_ID = JsonByteWriter.ascii(",\"sessionId\":");
    private static final byte[] QUERY = JsonByteWriter.ascii(",\"query\":");

    private InteractionEventJson() {}

    public static InteractionEvent parse(String json) {
        return parse(json, System.currentTimeMillis());
    }

    /** Parses and validates one event; {@code nowMillis} bounds how far in the future ts may be. */
    public static InteractionEvent parse(String json, long nowMillis) {
        return fromNode(Json.parseObject(json), nowMillis);
    }

    public static InteractionEvent fromNode(ObjectNode node, long nowMillis) {
        JsonFields fields = new JsonFields(node);
        String eventId = fields.id("eventId");
        String userId = fields.id("userId");
        String itemId = fields.id("itemId");
        EventType type = EventType.fromJson(fields.requiredString("type", 64));
        long ts = fields.requiredLong("ts");
        if (ts < MIN_TS) {
            throw new InvalidRecordException("ts", tooOld(ts));
        }
        if (ts > nowMillis + MAX_FUTURE_MILLIS) {
            throw new InvalidRecordException("ts", "is more than a day in the future (" + ts + ")");
        }
        Double value = fields.optionalDouble("value");
        if (type == EventType.RATE) {
            if (value == null) {
                throw new InvalidRecordException("value", "is required for a rate event");
            }
            if (value < 0 || value > MAX_RATING) {
                throw new InvalidRecordException("value", "must be a rating between 0 and " + MAX_RATING);
            }
        }
        String sessionId = fields.optionalString("sessionId", JsonFields.MAX_ID_LENGTH);
        String query = fields.optionalString("query", MAX_QUERY_LENGTH);
        return new InteractionEvent(eventId, userId, itemId, type, ts, value, sessionId, query);
    }

    /** Why a {@code ts} before {@link #MIN_TS} is rejected. */
    public static String tooOld(long ts) {
        return "is before 1990-01-01 (" + ts + "); event time must be epoch milliseconds, not seconds";
    }

    public static String write(InteractionEvent event) {
        return new String(writeBytes(event), StandardCharsets.UTF_8);
    }

    /**
     * The UTF-8 JSON bytes, written straight into one byte array (load generators send tens of
     * thousands a second).
     */
    public static byte[] writeBytes(InteractionEvent event) {
        JsonByteWriter json = new JsonByteWriter(128);
        json.raw(EVENT_ID);
        json.string(event.eventId());
        json.raw(USER_ID);
        json.string(event.userId());
        json.raw(ITEM_ID);
        json.string(event.itemId());
        json.raw(TYPE);
        json.eventType(event.type());
        json.raw(TS);
        json.number(event.ts());
        if (event.value() != null) {
            json.raw(VALUE);
            json.number(event.value().doubleValue());
        }
        if (event.sessionId() != null) {
            json.raw(SESSION_ID);
            json.string(event.sessionId());
        }
        if (event.query() != null) {
            json.raw(QUERY);
            json.string(event.query());
        }
        json.raw('}');
        return json.toByteArray();
    }
}
