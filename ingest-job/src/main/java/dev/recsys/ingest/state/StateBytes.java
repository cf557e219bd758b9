package dev.recsys.ingest.state;

import java.io.EOFException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable little-endian byte buffer with a read position, for writing a state value into one array
 * and reading it back. Arrays are written as a length (-1 for {@code null}) and their elements.
 */
final class StateBytes {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private int position;

    private StateBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    static StateBytes forWriting(int capacity) {
        return new StateBytes(new byte[Math.max(64, capacity)]);
    }

    static StateBytes forReading(byte[] bytes) {
        return new StateBytes(bytes);
    }

    byte[] array() {
        return bytes;
    }

    int size() {
        return position;
    }

    void writeByte(int value) {
        ensure(1);
        bytes[position++] = (byte) value;
    }

    void writeInt(int value) {
        ensure(Integer.BYTES);
        INT.set(bytes, position, value);
        position += Integer.BYTES;
    }

    void writeLong(long value) {
        ensure(Long.BYTES);
        LONG.set(bytes, position, value);
        position += Long.BYTES;
    }

    void writeString(String value) {
        writeBytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    void writeBytes(byte[] values) {
        if (values == null) {
            writeInt(-1);
            return;
        }
        writeInt(values.length);
        ensure(values.length);
        System.arraycopy(values, 0, bytes, position, values.length);
        position += values.length;
    }

    void writeFloats(float[] values) {
        if (values == null) {
            writeInt(-1);
            return;
        }
        writeInt(values.length);
        ensure(values.length * Float.BYTES);
        for (float value : values) {
            FLOAT.set(bytes, position, value);
            position += Float.BYTES;
        }
    }

    void writeLongs(long[] values) {
        if (values == null) {
            writeInt(-1);
            return;
        }
        writeInt(values.length);
        ensure(values.length * Long.BYTES);
        for (long value : values) {
            LONG.set(bytes, position, value);
            position += Long.BYTES;
        }
    }

    void writeStrings(String[] values) {
        if (values == null) {
            writeInt(-1);
            return;
        }
        writeInt(values.length);
        for (String value : values) {
            writeString(value);
        }
    }

    byte readByte() throws EOFException {
        need(1);
        return bytes[position++];
    }

    int readInt() throws EOFException {
        need(Integer.BYTES);
        int value = (int) INT.get(bytes, position);
        position += Integer.BYTES;
        return value;
    }

    long readLong() throws EOFException {
        need(Long.BYTES);
        long value = (long) LONG.get(bytes, position);
        position += Long.BYTES;
        return value;
    }

    String readString() throws EOFException {
        int length = readLength(1);
        if (length < 0) {
            return null;
        }
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    byte[] readBytes() throws EOFException {
        int length = readLength(1);
        if (length < 0) {
            return null;
        }
        byte[] values = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return values;
    }

    float[] readFloats() throws EOFException {
        int length = readLength(Float.BYTES);
        if (length < 0) {
            return null;
        }
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) FLOAT.get(bytes, position);
            position += Float.BYTES;
        }
        return values;
    }

    long[] readLongs() throws EOFException {
        int length = readLength(Long.BYTES);
        if (length < 0) {
            return null;
        }
        long[] values = new long[length];
        for (int i = 0; i < length; i++) {
            values[i] = (long) LONG.get(bytes, position);
            position += Long.BYTES;
        }
        return values;
    }

    String[] readStrings() throws EOFException {
        int length = readLength(Integer.BYTES);
        if (length < 0) {
            return null;
        }
        String[] values = new String[length];
        for (int i = 0; i < length; i++) {
            values[i] = readString();
        }
        return values;
    }

    /** A length read back, checked against what is left (-1 stands for null). */
    private int readLength(int bytesPerElement) throws EOFException {
        int length = readInt();
        if (length < -1 || (long) length * bytesPerElement > bytes.length - position) {
            throw new EOFException("state bytes: length " + length + " at " + position + " of " + bytes.length);
        }
        return length;
    }

    private void need(int count) throws EOFException {
        if (position + count > bytes.length) {
            throw new EOFException(
                    "state bytes: " + count + " more bytes needed at " + position + " of " + bytes.length);
        }
    }

    private void ensure(int more) {
        if (position + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, position + more));
        }
    }
}
