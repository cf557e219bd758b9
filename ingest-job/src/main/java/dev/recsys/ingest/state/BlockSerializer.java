package dev.recsys.ingest.state;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A serialiser that writes each value as one block: its length, then the value's fields packed
 * into a single array ({@link StateBytes}), so a checkpoint costs one write per value instead of
 * one call per field. Values are mutable and have no empty form; reading builds a new one.
 */
abstract class BlockSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    /** Bytes to reserve for {@code value}'s block; it grows if this is too small. */
    abstract int sizeHint(T value);

    abstract void write(T value, StateBytes out);

    abstract T read(StateBytes in) throws IOException;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return this; // stateless
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T value, DataOutputView target) throws IOException {
        StateBytes out = StateBytes.forWriting(sizeHint(value));
        write(value, out);
        target.writeInt(out.size());
        target.write(out.array(), 0, out.size());
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        byte[] block = new byte[source.readInt()];
        source.readFully(block);
        return read(StateBytes.forReading(block));
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        byte[] block = new byte[source.readInt()];
        source.readFully(block);
        target.writeInt(block.length);
        target.write(block);
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
