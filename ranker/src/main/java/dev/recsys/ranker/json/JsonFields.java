package dev.recsys.ranker.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.records.InvalidRecordException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed, validating access to the fields of one JSON object. Every failure is an {@link
 * InvalidRecordException} naming the field and saying what was expected.
 */
public final class JsonFields {
    /** Longest id accepted for itemId, userId, eventId, sellerId. */
    public static final int MAX_ID_LENGTH = 128;

    private final ObjectNode object;

    public JsonFields(ObjectNode object) {
        this.object = object;
    }

    public ObjectNode node() {
        return object;
    }

    private JsonNode present(String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** A required id: non-blank text of at most {@link #MAX_ID_LENGTH} characters. */
    public String id(String field) {
        String value = requiredString(field, MAX_ID_LENGTH);
        if (value.isBlank()) {
            throw new InvalidRecordException(field, "must not be blank");
        }
        return value;
    }

    public String requiredString(String field, int maxLength) {
        String value = optionalString(field, maxLength);
        if (value == null) {
            throw new InvalidRecordException(field, "is required");
        }
        return value;
    }

    public String optionalString(String field, int maxLength) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRecordException(field, "must be a string");
        }
        String text = value.textValue();
        if (text.length() > maxLength) {
            throw new InvalidRecordException(field, "is longer than " + maxLength + " characters");
        }
        return text;
    }

    public long requiredLong(String field) {
        JsonNode value = present(field);
        if (value == null) {
            throw new InvalidRecordException(field, "is required");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidRecordException(field, "must be an integer");
        }
        return value.longValue();
    }

    public Double optionalDouble(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw new InvalidRecordException(field, "must be a finite number");
        }
        return value.doubleValue();
    }

    public double requiredDouble(String field) {
        Double value = optionalDouble(field);
        if (value == null) {
            throw new InvalidRecordException(field, "is required");
        }
        return value;
    }

    public boolean optionalBoolean(String field, boolean fallback) {
        JsonNode value = present(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new InvalidRecordException(field, "must be true or false");
        }
        return value.booleanValue();
    }

    /** An instant written as ISO-8601 text or as epoch milliseconds. */
    public Instant optionalInstant(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Instant.ofEpochMilli(value.longValue());
        }
        if (value.isTextual()) {
            try {
                return Instant.parse(value.textValue());
            } catch (DateTimeParseException e) {
                throw new InvalidRecordException(field, "is not an ISO-8601 instant: '" + value.textValue() + "'");
            }
        }
        throw new InvalidRecordException(field, "must be an ISO-8601 instant or epoch milliseconds");
    }

    public List<String> stringList(String field, int maxItems, int maxLength) {
        JsonNode value = present(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof ArrayNode array)) {
            throw new InvalidRecordException(field, "must be an array of strings");
        }
        if (array.size() > maxItems) {
            throw new InvalidRecordException(field, "has more than " + maxItems + " entries");
        }
        List<String> out = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                throw new InvalidRecordException(field, "must be an array of strings");
            }
            if (element.textValue().length() > maxLength) {
                throw new InvalidRecordException(field, "has an entry longer than " + maxLength + " characters");
            }
            out.add(element.textValue());
        }
        return out;
    }

    public Map<String, String> stringMap(String field, int maxEntries) {
        JsonNode value = present(field);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof ObjectNode map)) {
            throw new InvalidRecordException(field, "must be an object of strings");
        }
        if (map.size() > maxEntries) {
            throw new InvalidRecordException(field, "has more than " + maxEntries + " entries");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            JsonNode element = entry.getValue();
            if (!element.isValueNode() || element.isNull()) {
                throw new InvalidRecordException(field + "." + entry.getKey(), "must be a string, number or boolean");
            }
            out.put(entry.getKey(), element.asText());
        }
        return out;
    }

    /**
     * A vector of finite numbers, as an array or a base64 string ({@link VectorEncoding}); {@code
     * null} when absent and not required.
     */
    public float[] vector(String field, boolean required) {
        JsonNode value = present(field);
        if (value == null) {
            if (required) {
                throw new InvalidRecordException(field, "is required");
            }
            return null;
        }
        if (value.isTextual()) {
            return base64Vector(field, value.textValue());
        }
        if (!(value instanceof ArrayNode array)) {
            throw new InvalidRecordException(field, "must be an array of numbers or a base64 string of float32");
        }
        if (array.isEmpty() || array.size() > 4096) {
            throw new InvalidRecordException(field, "must have between 1 and 4096 numbers");
        }
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode element = array.get(i);
            if (!element.isNumber() || !Float.isFinite(element.floatValue())) {
                throw new InvalidRecordException(field, "entry " + i + " is not a finite number");
            }
            out[i] = element.floatValue();
        }
        return out;
    }

    private static float[] base64Vector(String field, String text) {
        float[] out;
        try {
            out = VectorEncoding.fromBase64(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(field, "is not a base64 vector: " + e.getMessage());
        }
        if (out.length == 0 || out.length > 4096) {
            throw new InvalidRecordException(field, "must have between 1 and 4096 numbers");
        }
        for (int i = 0; i < out.length; i++) {
            if (!Float.isFinite(out[i])) {
                throw new InvalidRecordException(field, "entry " + i + " is not a finite number");
            }
        }
        return out;
    }

    public static ArrayNode vectorNode(float[] vector) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (float v : vector) {
            array.add(v);
        }
        return array;
    }
}
