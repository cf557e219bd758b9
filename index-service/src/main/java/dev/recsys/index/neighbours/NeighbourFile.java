package dev.recsys.index.neighbours;

import dev.recsys.ranker.neighbours.ItemNeighbours;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A catalog generation's item-to-item neighbour lists ({@value #FILE_NAME}), memory-mapped: nothing per item
 * is on the heap, and a request touches only the pages of the shopper's recent items.
 *
 * <pre>
 * header        magic "RNB1", items n, maxK, 0, entries e (long), id bytes b (long)   (32 bytes, little-endian)
 * idStart       int[n + 1]   byte offset of each itemId in ids
 * listStart     int[n + 1]   first entry of each item's list
 * ids           byte[b]      the itemIds, UTF-8, sorted by unsigned byte order (an item's index is its rank)
 * neighbour     int[e]       neighbour indexes, each list most similar first
 * similarity    float[e]     their similarities
 * </pre>
 *
 * Size: {@code 8 + 8·k + len(itemId)} bytes per item with k neighbours. Every section must fit one mapping
 * (2 GiB), so at most about 268 million neighbour entries (2.6 million items at k = 100).
 */
public final class NeighbourFile implements ItemNeighbours, TrainedNeighbours {
    public static final String FILE_NAME = "item-neighbours.bin";

    static final int MAGIC = 0x31424E52; // "RNB1" little-endian
    static final int HEADER_BYTES = 32;
    static final long MAX_SECTION = Integer.MAX_VALUE;

    private final Path file;
    private final int items;
    private final int maxK;
    private final IntBuffer idStart;
    private final IntBuffer listStart;
    private final ByteBuffer ids;
    private final ByteBuffer neighbours;
    private final ByteBuffer similarities;

    private NeighbourFile(
            Path file,
            int items,
            int maxK,
            IntBuffer idStart,
            IntBuffer listStart,
            ByteBuffer ids,
            ByteBuffer neighbours,
            ByteBuffer similarities) {
        this.file = file;
        this.items = items;
        this.maxK = maxK;
        this.idStart = idStart;
        this.listStart = listStart;
        this.ids = ids;
        this.neighbours = neighbours;
        this.similarities = similarities;
    }

    /** Maps a neighbour file, checking its header against its size. */
    public static NeighbourFile open(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < HEADER_BYTES) {
                throw new IOException(file + ": too short for a neighbour file");
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(header, 0);
            header.flip();
            int magic = header.getInt();
            int items = header.getInt();
            int maxK = header.getInt();
            header.getInt();
            long entries = header.getLong();
            long idBytes = header.getLong();
            long offsetsBytes = 4L * (items + 1);
            long expected = HEADER_BYTES + 2 * offsetsBytes + idBytes + 8 * entries;
            if (magic != MAGIC || items < 0 || maxK < 0 || entries < 0 || idBytes < 0 || expected != size) {
                throw new IOException(file + ": not a neighbour file, or a truncated one");
            }
            long at = HEADER_BYTES;
            IntBuffer idStart = map(channel, at, offsetsBytes).asIntBuffer();
            at += offsetsBytes;
            IntBuffer listStart = map(channel, at, offsetsBytes).asIntBuffer();
            at += offsetsBytes;
            ByteBuffer ids = map(channel, at, idBytes);
            at += idBytes;
            ByteBuffer neighbours = map(channel, at, 4 * entries);
            at += 4 * entries;
            ByteBuffer similarities = map(channel, at, 4 * entries);
            return new NeighbourFile(file, items, maxK, idStart, listStart, ids, neighbours, similarities);
        }
    }

    private static ByteBuffer map(FileChannel channel, long at, long length) throws IOException {
        return channel.map(FileChannel.MapMode.READ_ONLY, at, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Items in the file (with a list or only named as a neighbour). */
    public int items() {
        return items;
    }

    @Override
    public int maxK() {
        return maxK;
    }

    @Override
    public int lists() {
        int lists = 0;
        for (int i = 0; i < items; i++) {
            if (neighbourCount(i) > 0) {
                lists++;
            }
        }
        return lists;
    }

    @Override
    public boolean hasList(String itemId) {
        int item = indexOf(itemId);
        return item >= 0 && neighbourCount(item) > 0;
    }

    /** The item's index, or -1 when the file does not name it (binary search, no allocation per probe). */
    public int indexOf(String itemId) {
        byte[] key = itemId.getBytes(StandardCharsets.UTF_8);
        int low = 0;
        int high = items - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = compare(mid, key);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private int compare(int item, byte[] key) {
        int from = idStart.get(item);
        int length = idStart.get(item + 1) - from;
        int common = Math.min(length, key.length);
        for (int i = 0; i < common; i++) {
            int c = Byte.compareUnsigned(ids.get(from + i), key[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(length, key.length);
    }

    public String itemId(int item) {
        int from = idStart.get(item);
        byte[] bytes = new byte[idStart.get(item + 1) - from];
        ids.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public int neighbourCount(int item) {
        return listStart.get(item + 1) - listStart.get(item);
    }

    @Override
    public int neighbour(int item, int n) {
        return neighbours.getInt(4 * (listStart.get(item) + n));
    }

    @Override
    public float similarity(int item, int n) {
        return similarities.getFloat(4 * (listStart.get(item) + n));
    }

    /** Carrying the lists over to a new generation is copying the file. */
    @Override
    public void writeTo(Path target) throws IOException {
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Writes a neighbour file.
     *
     * @param sortedIds the itemIds as UTF-8, sorted by unsigned byte order, no repeats
     * @param listStart {@code sortedIds.length + 1} entry offsets, non-decreasing, from 0 to the entries
     * @param neighbour neighbour indexes into {@code sortedIds}
     * @param similarity their similarities, parallel to {@code neighbour}
     */
    static void write(Path file, byte[][] sortedIds, int[] listStart, int[] neighbour, float[] similarity, int maxK)
            throws IOException {
        int items = sortedIds.length;
        int entries = listStart[items];
        long idBytes = 0;
        for (byte[] id : sortedIds) {
            idBytes += id.length;
        }
        if (idBytes > MAX_SECTION || 4L * entries > MAX_SECTION || 4L * (items + 1) > MAX_SECTION) {
            throw new IOException(
                    "too many neighbour lists for one file: " + items + " items, " + entries + " neighbours");
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            LittleEndian le = new LittleEndian(out);
            le.putInt(MAGIC);
            le.putInt(items);
            le.putInt(maxK);
            le.putInt(0);
            le.putLong(entries);
            le.putLong(idBytes);
            int at = 0;
            for (byte[] id : sortedIds) {
                le.putInt(at);
                at += id.length;
            }
            le.putInt(at);
            for (int start : Arrays.copyOf(listStart, items + 1)) {
                le.putInt(start);
            }
            for (byte[] id : sortedIds) {
                out.write(id);
            }
            for (int e = 0; e < entries; e++) {
                le.putInt(neighbour[e]);
            }
            for (int e = 0; e < entries; e++) {
                le.putInt(Float.floatToRawIntBits(similarity[e]));
            }
        }
    }

    /** Little-endian primitives onto a stream (DataOutputStream writes big-endian). */
    private record LittleEndian(OutputStream out) {
        void putInt(int v) throws IOException {
            out.write(v);
            out.write(v >>> 8);
            out.write(v >>> 16);
            out.write(v >>> 24);
        }

        void putLong(long v) throws IOException {
            putInt((int) v);
            putInt((int) (v >>> 32));
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
