package dev.recsys.ranker.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.InvalidRecordException;
import java.time.Duration;

/** JSON form of {@link InteractionEvent}, with the validation rules of docs/CONTRACTS.md. */
public final class InteractionEventJson {
    /** Clocks drift and storefronts batch, but an event a day ahead of us is a bug upstream. */
    public static final long MAX_FUTURE_MILLIS = Duration.ofDays(1).toMillis();

    public static final int MAX_QUERY_LENGTH = 512;
    public static final double MAX_RATING = 5.0;

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
        if (ts < 0) {
            throw new InvalidRecordException("ts", "must be epoch milliseconds, not negative");
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

    public static ObjectNode toNode(InteractionEvent event) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("eventId", event.eventId());
        node.put("userId", event.userId());
        node.put("itemId", event.itemId());
        node.put("type", event.type().jsonName());
        node.put("ts", event.ts());
        if (event.value() != null) {
            node.put("value", event.value());
        }
        if (event.sessionId() != null) {
            node.put("sessionId", event.sessionId());
        }
        if (event.query() != null) {
            node.put("query", event.query());
        }
        return node;
    }

    public static String write(InteractionEvent event) {
        return Json.write(toNode(event));
    }
}
