package dev.recsys.ranker.json;

import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.UserVectors;
import java.nio.charset.StandardCharsets;
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
    private static final byte[] VALUE = JsonByteWriter.ascii(",\"value\":");
    private static final byte[] COUNTS = JsonByteWriter.ascii("],\"counts\":{");
    private static final byte[] ERASED_UP_TO = JsonByteWriter.ascii(",\"erasedUpTo\":");

    private UserVectorsJson() {}

    public static UserVectors parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidRecordException(null, "empty record");
        }
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses the UTF-8 bytes of a record, as they come from Kafka, without a string in between. */
    public static UserVectors parse(byte[] utf8) {
        return UserVectorsReader.read(utf8);
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
        writeTo(json, user, vectors);
        return json.toByteArray();
    }

    /**
     * Writes records one after another into the same buffers, so each costs one array, the
     * record's own: what the stream job does for every event. For one thread at a time.
     */
    public static final class Writer {
        private final VectorEncoding vectors;
        private final JsonByteWriter json = new JsonByteWriter(4096);

        public Writer(VectorEncoding vectors) {
            this.vectors = vectors;
        }

        /** The record's UTF-8 JSON bytes, as {@link #writeBytes} gives them. */
        public byte[] write(UserVectors user) {
            json.reset();
            writeTo(json, user, vectors);
            return json.toByteArray();
        }
    }

    private static void writeTo(JsonByteWriter json, UserVectors user, VectorEncoding vectors) {
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
            json.eventType(entry.type());
            json.raw(TS);
            json.number(entry.ts());
            if (entry.value() != null) {
                json.raw(VALUE);
                json.number(entry.value().floatValue());
            }
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
        if (user.erasedUpTo() != 0) {
            json.raw(ERASED_UP_TO);
            json.number(user.erasedUpTo());
        }
        json.raw('}');
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
