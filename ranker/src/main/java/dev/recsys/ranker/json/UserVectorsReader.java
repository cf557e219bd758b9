package dev.recsys.ranker.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.UserVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code user-vectors} record token by token from its UTF-8 bytes. Every reader of the
 * topic parses one per shopper update, so this skips the JSON tree, the bytes-to-string copy and
 * the string copy of each base64 vector. It accepts and rejects exactly what {@link JsonFields}
 * does for this record, with the same field names and reasons; unknown fields are skipped and a
 * repeated field keeps its last value, as with the tree.
 */
final class UserVectorsReader {
    private static final int MAX_DIMENSION = 4096;
    private static final VarHandle FLOAT_LE =
            MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

    private String userId;
    private Long version;
    private Long updatedAt;
    private Long eventTs;
    private float[] content;
    private float[] cf;
    private List<RecentInteraction> recent = List.of();
    private Map<String, Long> counts = Map.of();
    private Long erasedUpTo;

    /** The record, for reading base64 vectors straight from its bytes. */
    private final byte[] utf8;

    private UserVectorsReader(byte[] utf8) {
        this.utf8 = utf8;
    }

    static UserVectors read(byte[] utf8) {
        if (utf8 == null || utf8.length == 0) {
            throw new InvalidRecordException(null, "empty record");
        }
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(utf8)) {
            UserVectorsReader reader = new UserVectorsReader(utf8);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidRecordException(null, "empty record");
            }
            if (first != JsonToken.START_OBJECT) {
                parser.skipChildren();
                if (parser.nextToken() != null) {
                    throw new InvalidRecordException(null, "malformed JSON: unexpected content after the first value");
                }
                throw new InvalidRecordException(null, "expected a JSON object");
            }
            reader.readFields(parser);
            if (parser.nextToken() != null) {
                throw new InvalidRecordException(null, "malformed JSON: unexpected content after the first value");
            }
            return reader.result();
        } catch (StreamReadException e) {
            throw new InvalidRecordException(null, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a byte array", e);
        }
    }

    private void readFields(JsonParser parser) throws IOException {
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            switch (name) {
                case "userId" -> userId = token == JsonToken.VALUE_NULL ? null : id(parser, "userId");
                case "version" -> version = optionalLong(parser, "version");
                case "updatedAt" -> updatedAt = optionalLong(parser, "updatedAt");
                case "eventTs" -> eventTs = optionalLong(parser, "eventTs");
                case "content" -> content = vector(parser, utf8, "content");
                case "cf" -> cf = vector(parser, utf8, "cf");
                case "recent" -> recent = recent(parser);
                case "counts" -> counts = counts(parser);
                case "erasedUpTo" -> erasedUpTo = optionalLong(parser, "erasedUpTo");
                default -> parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new InvalidRecordException(null, "malformed JSON: unexpected " + parser.currentToken());
        }
    }

    private UserVectors result() {
        if (userId == null) {
            throw new InvalidRecordException("userId", "is required");
        }
        return new UserVectors(
                userId,
                required(version, "version"),
                required(updatedAt, "updatedAt"),
                required(eventTs, "eventTs"),
                requiredVector(content, "content"),
                cf,
                recent,
                counts,
                erasedUpTo(erasedUpTo));
    }

    private static long erasedUpTo(Long value) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            throw new InvalidRecordException("erasedUpTo", "must not be negative");
        }
        return value;
    }

    private static long required(Long value, String field) {
        if (value == null) {
            throw new InvalidRecordException(field, "is required");
        }
        return value;
    }

    private static float[] requiredVector(float[] value, String field) {
        if (value == null) {
            throw new InvalidRecordException(field, "is required");
        }
        return value;
    }

    /** The current token as an id: non-blank text of at most {@link JsonFields#MAX_ID_LENGTH}. */
    private static String id(JsonParser parser, String field) throws IOException {
        String value = string(parser, field, JsonFields.MAX_ID_LENGTH);
        if (value == null) {
            throw new InvalidRecordException(field, "is required");
        }
        if (value.isBlank()) {
            throw new InvalidRecordException(field, "must not be blank");
        }
        return value;
    }

    private static String string(JsonParser parser, String field, int maxLength) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            throw new InvalidRecordException(field, "must be a string");
        }
        String text = parser.getText();
        if (text.length() > maxLength) {
            throw new InvalidRecordException(field, "is longer than " + maxLength + " characters");
        }
        return text;
    }

    /** An integer that fits in a long, or {@code null} for a JSON null. */
    private static Long optionalLong(JsonParser parser, String field) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            parser.skipChildren();
            throw new InvalidRecordException(field, "must be an integer");
        }
        return parser.getLongValue();
    }

    /** A finite number, or {@code null} for a JSON null. */
    private static Double optionalFinite(JsonParser parser, String field) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!token.isNumeric() || !Double.isFinite(parser.getDoubleValue())) {
            parser.skipChildren();
            throw new InvalidRecordException(field, "must be a finite number");
        }
        return parser.getDoubleValue();
    }

    /** A vector as an array of finite numbers or base64 float32 text; {@code null} for a JSON null. */
    private static float[] vector(JsonParser parser, byte[] utf8, String field) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_STRING) {
            return base64Vector(parser, utf8, field);
        }
        if (token != JsonToken.START_ARRAY) {
            parser.skipChildren();
            throw new InvalidRecordException(field, "must be an array of numbers or a base64 string of float32");
        }
        float[] values = new float[64];
        int size = 0;
        for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
            if (size == MAX_DIMENSION) {
                throw new InvalidRecordException(field, "must have between 1 and 4096 numbers");
            }
            if (!element.isNumeric() || !Float.isFinite(parser.getFloatValue())) {
                throw new InvalidRecordException(field, "entry " + size + " is not a finite number");
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = parser.getFloatValue();
        }
        if (size == 0) {
            throw new InvalidRecordException(field, "must have between 1 and 4096 numbers");
        }
        return size == values.length ? values : Arrays.copyOf(values, size);
    }

    private static float[] base64Vector(JsonParser parser, byte[] utf8, String field) throws IOException {
        byte[] bytes;
        try {
            byte[] text = plainStringBytes(parser, utf8);
            // Escaped or non-ASCII text: decoded as the JSON tree readers do (VectorEncoding).
            bytes = text != null
                    ? Base64.getDecoder().decode(text)
                    : Base64.getDecoder().decode(parser.getText());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(field, "is not a base64 vector: " + e.getMessage());
        }
        if (bytes.length % Float.BYTES != 0) {
            throw new InvalidRecordException(
                    field,
                    "is not a base64 vector: base64 vector of " + bytes.length
                            + " bytes is not a whole number of float32 values");
        }
        float[] out = new float[bytes.length / Float.BYTES];
        if (out.length == 0 || out.length > MAX_DIMENSION) {
            throw new InvalidRecordException(field, "must have between 1 and 4096 numbers");
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) FLOAT_LE.get(bytes, i * Float.BYTES);
            if (!Float.isFinite(out[i])) {
                throw new InvalidRecordException(field, "entry " + i + " is not a finite number");
            }
        }
        return out;
    }

    /**
     * The bytes of the current string token inside {@code utf8} when they are its text as they
     * stand (ASCII, no escapes), as base64 always is; {@code null} otherwise. Jackson decodes a
     * string only when asked for it, so this reads the vector's bytes once, straight from the
     * record, and the JDK's base64 decoder (vectorised on most CPUs) takes them from there.
     */
    private static byte[] plainStringBytes(JsonParser parser, byte[] utf8) {
        long quote = parser.currentTokenLocation().getByteOffset();
        if (quote < 0 || quote >= utf8.length || utf8[(int) quote] != '"') {
            return null;
        }
        int from = (int) quote + 1;
        for (int end = from; end < utf8.length; end++) {
            byte b = utf8[end];
            if (b == '"') {
                return Arrays.copyOfRange(utf8, from, end);
            }
            if (b == '\\' || b < 0) {
                return null; // an escape or a non-ASCII character: the decoded text is needed
            }
        }
        return null;
    }

    private static List<RecentInteraction> recent(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (token != JsonToken.START_ARRAY) {
            parser.skipChildren();
            throw new InvalidRecordException("recent", "must be an array");
        }
        List<RecentInteraction> out = new ArrayList<>();
        for (JsonToken entry = parser.nextToken(); entry != JsonToken.END_ARRAY; entry = parser.nextToken()) {
            if (entry != JsonToken.START_OBJECT) {
                throw new InvalidRecordException("recent", "entries must be objects");
            }
            out.add(recentEntry(parser));
        }
        return out;
    }

    private static RecentInteraction recentEntry(JsonParser parser) throws IOException {
        String itemId = null;
        String type = null;
        Long ts = null;
        Double value = null;
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            parser.nextToken();
            switch (name) {
                case "itemId" -> itemId = parser.currentToken() == JsonToken.VALUE_NULL ? null : id(parser, "itemId");
                case "type" -> type = string(parser, "type", 64);
                case "ts" -> ts = optionalLong(parser, "ts");
                case "value" -> value = optionalFinite(parser, "value");
                default -> parser.skipChildren();
            }
        }
        if (itemId == null) {
            throw new InvalidRecordException("itemId", "is required");
        }
        if (type == null) {
            throw new InvalidRecordException("type", "is required");
        }
        return new RecentInteraction(itemId, EventType.fromJson(type), required(ts, "ts"), value);
    }

    private static Map<String, Long> counts(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            throw new InvalidRecordException("counts", "must be an object of integers");
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken count = parser.nextToken();
            if (count != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                parser.skipChildren();
                throw new InvalidRecordException("counts." + name, "must be an integer");
            }
            out.put(name, parser.getLongValue());
        }
        return out;
    }
}
