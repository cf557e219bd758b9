package dev.recsys.ranker.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.UserVectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON form of {@link UserVectors}, the value of the {@code user-vectors} topic. */
public final class UserVectorsJson {
    // Names and punctuation encoded once, not for every record the stream job writes.
    private static final byte[] USER_ID = JsonByteWriter.ascii("{\"userId\":");
    private static final byte[] VERSION = JsonByteWriter.ascii(",\"version\":");
    private static final byte[] UPDATED_AT = JsonByteWriter.ascii(",\"updatedAt\":");
    private static final byte[] EVENT_TS = JsonByteWriter.ascii(",\"eventTs\":");
    private static final byte[] CONTENT = JsonByteWriter.ascii(",\"content\":");
    private static final byte[] CF = JsonByteWriter.ascii(",\"cf\":");
    private static final byte[] RECENT = JsonByteWriter.ascii(",\"recent\":[");
    private static final byte[] ITEM_ID = JsonByteWriter.ascii("{\"itemId\":");
    private static final byte[] TYPE = JsonByteWriter.ascii(",\"type\":");
    private static final byte[] TS = JsonByteWriter.ascii(",\"ts\":");
    private static final byte[] COUNTS = JsonByteWriter.ascii("],\"counts\":{");
    private static final byte[][] TYPE_NAMES = Arrays.stream(EventType.values())
            .map(type -> JsonByteWriter.ascii("\"" + type.jsonName() + "\""))
            .toArray(byte[][]::new);

    private UserVectorsJson() {}

    public static UserVectors parse(String json) {
        JsonFields fields = new JsonFields(Json.parseObject(json));
        List<RecentInteraction> recent = new ArrayList<>();
        JsonNode recentNode = fields.node().get("recent");
        if (recentNode != null && !recentNode.isNull()) {
            if (!(recentNode instanceof ArrayNode array)) {
                throw new InvalidRecordException("recent", "must be an array");
            }
            for (JsonNode entry : array) {
                if (!(entry instanceof ObjectNode object)) {
                    throw new InvalidRecordException("recent", "entries must be objects");
                }
                JsonFields entryFields = new JsonFields(object);
                recent.add(new RecentInteraction(
                        entryFields.id("itemId"),
                        EventType.fromJson(entryFields.requiredString("type", 64)),
                        entryFields.requiredLong("ts")));
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        JsonNode countsNode = fields.node().get("counts");
        if (countsNode != null && !countsNode.isNull() && !(countsNode instanceof ObjectNode)) {
            throw new InvalidRecordException("counts", "must be an object of integers");
        }
        if (countsNode instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                if (!entry.getValue().isIntegralNumber() || !entry.getValue().canConvertToLong()) {
                    throw new InvalidRecordException("counts." + entry.getKey(), "must be an integer");
                }
                counts.put(entry.getKey(), entry.getValue().longValue());
            }
        }
        return new UserVectors(
                fields.id("userId"),
                fields.requiredLong("version"),
                fields.requiredLong("updatedAt"),
                fields.requiredLong("eventTs"),
                fields.vector("content", true),
                fields.vector("cf", false),
                recent,
                counts);
    }

    /** The JSON text with vectors as arrays of numbers. */
    public static String write(UserVectors user) {
        return new String(writeBytes(user, VectorEncoding.ARRAY), StandardCharsets.UTF_8);
    }

    /**
     * The UTF-8 JSON bytes, written straight into one byte array: the stream job writes one per
     * event, and a general-purpose generator (or a tree) costs several times more.
     */
    public static byte[] writeBytes(UserVectors user, VectorEncoding vectors) {
        int vectorBytes = vectors == VectorEncoding.BASE64 ? 6 : 16; // per dimension, with margin
        int dimensions = user.content().length + (user.cf() == null ? 0 : user.cf().length);
        JsonByteWriter json = new JsonByteWriter(160
                + user.userId().length()
                + vectorBytes * dimensions
                + 64 * user.recent().size());
        json.raw(USER_ID);
        json.string(user.userId());
        json.raw(VERSION);
        json.number(user.version());
        json.raw(UPDATED_AT);
        json.number(user.updatedAt());
        json.raw(EVENT_TS);
        json.number(user.eventTs());
        json.raw(CONTENT);
        writeVector(json, user.content(), vectors);
        if (user.cf() != null) {
            json.raw(CF);
            writeVector(json, user.cf(), vectors);
        }
        json.raw(RECENT);
        boolean first = true;
        for (RecentInteraction entry : user.recent()) {
            if (!first) {
                json.raw(',');
            }
            first = false;
            json.raw(ITEM_ID);
            json.string(entry.itemId());
            json.raw(TYPE);
            json.raw(TYPE_NAMES[entry.type().ordinal()]);
            json.raw(TS);
            json.number(entry.ts());
            json.raw('}');
        }
        json.raw(COUNTS);
        first = true;
        for (Map.Entry<String, Long> count : user.counts().entrySet()) {
            if (!first) {
                json.raw(',');
            }
            first = false;
            json.string(count.getKey());
            json.raw(':');
            json.number(count.getValue());
        }
        json.raw('}');
        json.raw('}');
        return json.toByteArray();
    }

    private static void writeVector(JsonByteWriter json, float[] vector, VectorEncoding encoding) {
        if (encoding == VectorEncoding.BASE64) {
            json.base64(vector);
            return;
        }
        json.raw('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                json.raw(',');
            }
            json.number(vector[i]);
        }
        json.raw(']');
    }
}
