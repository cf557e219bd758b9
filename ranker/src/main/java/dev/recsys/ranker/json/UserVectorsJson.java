package dev.recsys.ranker.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.UserVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON form of {@link UserVectors}, the value of the {@code user-vectors} topic. */
public final class UserVectorsJson {
    // Field and type names encoded once, not for every record the stream job writes.
    private static final SerializedString USER_ID = new SerializedString("userId");
    private static final SerializedString VERSION = new SerializedString("version");
    private static final SerializedString UPDATED_AT = new SerializedString("updatedAt");
    private static final SerializedString EVENT_TS = new SerializedString("eventTs");
    private static final SerializedString CONTENT = new SerializedString("content");
    private static final SerializedString CF = new SerializedString("cf");
    private static final SerializedString RECENT = new SerializedString("recent");
    private static final SerializedString ITEM_ID = new SerializedString("itemId");
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString TS = new SerializedString("ts");
    private static final SerializedString COUNTS = new SerializedString("counts");
    private static final SerializedString[] TYPE_NAMES = Arrays.stream(EventType.values())
            .map(type -> new SerializedString(type.jsonName()))
            .toArray(SerializedString[]::new);

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
     * The UTF-8 JSON bytes, written with a streaming generator: the stream job writes one per event,
     * and building a tree first would double the cost.
     */
    public static byte[] writeBytes(UserVectors user, VectorEncoding vectors) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(256 + 16 * user.content().length);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeFieldName(USER_ID);
            json.writeString(user.userId());
            json.writeFieldName(VERSION);
            json.writeNumber(user.version());
            json.writeFieldName(UPDATED_AT);
            json.writeNumber(user.updatedAt());
            json.writeFieldName(EVENT_TS);
            json.writeNumber(user.eventTs());
            json.writeFieldName(CONTENT);
            writeVector(json, user.content(), vectors);
            if (user.cf() != null) {
                json.writeFieldName(CF);
                writeVector(json, user.cf(), vectors);
            }
            json.writeFieldName(RECENT);
            json.writeStartArray();
            for (RecentInteraction entry : user.recent()) {
                json.writeStartObject();
                json.writeFieldName(ITEM_ID);
                json.writeString(entry.itemId());
                json.writeFieldName(TYPE);
                json.writeString(TYPE_NAMES[entry.type().ordinal()]);
                json.writeFieldName(TS);
                json.writeNumber(entry.ts());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeFieldName(COUNTS);
            json.writeStartObject();
            for (Map.Entry<String, Long> count : user.counts().entrySet()) {
                json.writeNumberField(count.getKey(), count.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return bytes.toByteArray();
    }

    private static void writeVector(JsonGenerator json, float[] vector, VectorEncoding encoding) throws IOException {
        if (encoding == VectorEncoding.BASE64) {
            json.writeString(VectorEncoding.toBase64(vector));
            return;
        }
        json.writeStartArray(vector, vector.length);
        for (float v : vector) {
            json.writeNumber(v);
        }
        json.writeEndArray();
    }
}
