package dev.recsys.ranker.json;

import dev.recsys.ranker.records.EventType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A minimal UTF-8 JSON writer into a growable byte array, for the records the stream job writes
 * once per event. The caller writes the punctuation (pre-encoded with {@link #ascii}); this class
 * writes values. It skips what a general generator pays for on every call (state checks, escaping
 * base64 text character by character, copying through intermediate buffers).
 */
final class JsonByteWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle FLOAT_LE =
            MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] LONG_MIN = ascii(Long.toString(Long.MIN_VALUE));
    private static final byte[] DIGIT_PAIRS = digitPairs();
    private static final byte[][] QUOTED_EVENT_TYPES = Arrays.stream(EventType.values())
            .map(type -> ascii("\"" + type.jsonName() + "\""))
            .toArray(byte[][]::new);

    private byte[] bytes;
    private int size;
    // Scratch space of base64: the vector's raw bytes and their encoding, reused from record to record.
    private byte[] floatsA = new byte[0];
    private byte[] floatsB = new byte[0];
    private byte[] encoded = new byte[0];

    JsonByteWriter(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    private static byte[] digitPairs() {
        byte[] pairs = new byte[200];
        for (int i = 0; i < 100; i++) {
            pairs[2 * i] = (byte) ('0' + i / 10);
            pairs[2 * i + 1] = (byte) ('0' + i % 10);
        }
        return pairs;
    }

    /** ASCII text as bytes, for field names and punctuation encoded once. */
    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    void raw(byte[] text) {
        ensure(text.length);
        System.arraycopy(text, 0, bytes, size, text.length);
        size += text.length;
    }

    void raw(char asciiChar) {
        ensure(1);
        bytes[size++] = (byte) asciiChar;
    }

    /** A quoted JSON string, escaped as RFC 8259 requires. */
    void string(String text) {
        int length = text.length();
        ensure(length + 2);
        int start = size;
        bytes[size++] = '"';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                size = start; // not plain ASCII: take the general path for the whole string
                escaped(text);
                return;
            }
            bytes[size++] = (byte) c;
        }
        bytes[size++] = '"';
    }

    private void escaped(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append((char) HEX[c >> 4]).append((char) HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        raw(out.append('"').toString().getBytes(StandardCharsets.UTF_8));
    }

    /** An event type's JSON name, quoted (encoded once per type, not per record). */
    void eventType(EventType type) {
        raw(QUOTED_EVENT_TYPES[type.ordinal()]);
    }

    /** The decimal digits of {@code value}, written in place (no intermediate string). */
    void number(long value) {
        if (value == Long.MIN_VALUE) {
            raw(LONG_MIN); // its magnitude does not fit in a long
            return;
        }
        ensure(20);
        if (value < 0) {
            bytes[size++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long bound = 10; digits < 19 && value >= bound; bound *= 10) {
            digits++;
        }
        // Two digits per division, from the right: timestamps have 13.
        int at = size + digits;
        while (value >= 100) {
            int pair = (int) (value % 100) * 2;
            value /= 100;
            bytes[--at] = DIGIT_PAIRS[pair + 1];
            bytes[--at] = DIGIT_PAIRS[pair];
        }
        if (value >= 10) {
            int pair = (int) value * 2;
            bytes[--at] = DIGIT_PAIRS[pair + 1];
            bytes[--at] = DIGIT_PAIRS[pair];
        } else {
            bytes[--at] = (byte) ('0' + value);
        }
        size += digits;
    }

    void number(float value) {
        raw(ascii(Float.toString(value)));
    }

    void number(double value) {
        raw(ascii(Double.toString(value)));
    }

    /** {@code vector} as a quoted base64 string of little-endian float32 ({@link VectorEncoding#BASE64}). */
    void base64(float[] vector) {
        byte[] floats = floatScratch(vector.length * Float.BYTES);
        for (int i = 0; i < vector.length; i++) {
            FLOAT_LE.set(floats, i * Float.BYTES, vector[i]);
        }
        int encodedLength = 4 * ((floats.length + 2) / 3);
        if (encoded.length < encodedLength) {
            encoded = new byte[encodedLength];
        }
        Base64.getEncoder().encode(floats, encoded);
        ensure(encodedLength + 2);
        bytes[size++] = '"';
        System.arraycopy(encoded, 0, bytes, size, encodedLength);
        size += encodedLength;
        bytes[size++] = '"';
    }

    /**
     * A scratch array of exactly {@code length} bytes (the JDK's encoder takes a whole array). Two
     * are kept, so a record's content vector and CF factor do not take turns reallocating.
     */
    private byte[] floatScratch(int length) {
        if (floatsA.length == length) {
            return floatsA;
        }
        if (floatsB.length != length) {
            floatsB = floatsA;
            floatsA = new byte[length];
            return floatsA;
        }
        return floatsB;
    }

    /** Starts again from an empty text, keeping the buffers. */
    void reset() {
        size = 0;
    }

    /** A copy of the text written so far (the buffer itself is reused). */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
