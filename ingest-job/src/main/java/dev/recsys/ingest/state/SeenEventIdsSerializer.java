package dev.recsys.ingest.state;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Writes an item's {@link SeenEventIds} as one block: per generation its number and its hashes (8
 * bytes each, without the sets' free slots).
 */
public final class SeenEventIdsSerializer extends BlockSerializer<SeenEventIds> {
    private static final long serialVersionUID = 1L;

    /** The layout of the block; bump it and keep reading the old one when it changes. */
    private static final int FORMAT = 1;

    @Override
    public SeenEventIds copy(SeenEventIds from) {
        return from == null ? null : from.deepCopy();
    }

    @Override
    int sizeHint(SeenEventIds ids) {
        return 8 + 16 * ids.generationCount() + (int) Math.min(Integer.MAX_VALUE / 2, 8 * ids.size());
    }

    @Override
    void write(SeenEventIds ids, StateBytes out) {
        out.writeByte(FORMAT);
        out.writeInt(ids.generationCount());
        ids.forEachGeneration((generation, hashes) -> {
            out.writeLong(generation);
            out.writeLongs(hashes);
        });
    }

    @Override
    SeenEventIds read(StateBytes in) throws IOException {
        int format = in.readByte();
        if (format != FORMAT) {
            throw new IOException(
                    "unknown seen-event-ids state format " + format + " (this version reads " + FORMAT + ")");
        }
        int generations = in.readInt();
        if (generations < 0) {
            throw new IOException("negative generation count " + generations);
        }
        SeenEventIds ids = new SeenEventIds();
        for (int g = 0; g < generations; g++) {
            long generation = in.readLong();
            for (long hash : in.readLongs()) {
                ids.add(hash, generation);
            }
        }
        return ids;
    }

    @Override
    public TypeSerializerSnapshot<SeenEventIds> snapshotConfiguration() {
        return new Snapshot();
    }

    /** What a checkpoint records about this serialiser. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeenEventIds> {
        public Snapshot() {
            super(SeenEventIdsSerializer::new);
        }
    }
}
