package dev.recsys.index.embed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vectors of one embedder by text, in an append-only file, so that a text is embedded once however many
 * generations, restarts and items carry it. A reindex of an unchanged catalog then costs reading, not
 * inference.
 *
 * <p>The file starts with a header (magic {@code RVEC}, version, dimension, the embedder's {@link
 * EmbedderSpec#id}), then holds records of the text's key (the first 128 bits of its UTF-8 SHA-256),
 * the vector's floats and a CRC-32C of both. Opening reads the keys into a table in memory (about 24
 * bytes per text) and cuts off a torn or corrupt tail, which is what a crash mid-append leaves; vectors
 * are read from the file when asked for. A file of another embedder or dimension is refused with both
 * named.
 *
 * <p>Thread-safe; one process (and one instance) holds a cache file at a time, by an exclusive lock on
 * it, released by {@link #close}. Appends are written at once (the operating system keeps them across a process
 * restart) and forced to disk by {@link #flush}.
 */
public final class EmbeddingCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
    private static final int MAGIC = 0x52_56_45_43; // "RVEC"
    private static final int VERSION = 1;
    private static final int KEY_BYTES = 16;

    private final Path file;
    private final EmbedderSpec spec;
    private final int dimension;
    private final int recordBytes;
    private final long dataStart;
    private final FileChannel channel;
    private final KeyTable table = new KeyTable();
    private long records;

    private EmbeddingCache(Path file, EmbedderSpec spec, int dimension, FileChannel channel, long dataStart) {
        this.file = file;
        this.spec = spec;
        this.dimension = dimension;
        this.recordBytes = KEY_BYTES + 4 * dimension + 4;
        this.channel = channel;
        this.dataStart = dataStart;
    }

    /**
     * Opens the cache of {@code spec} at {@code dimension} in {@code file}, creating it when absent.
     *
     * @throws IOException if it cannot be read or written, or holds another embedder's vectors
     */
    public static EmbeddingCache open(Path file, EmbedderSpec spec, int dimension) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(spec, "spec");
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            lock(channel, file);
            byte[] id = spec.id().getBytes(StandardCharsets.UTF_8);
            long dataStart = 12 + 2 + id.length;
            if (channel.size() == 0) {
                ByteBuffer header = ByteBuffer.allocate((int) dataStart);
                header.putInt(MAGIC)
                        .putInt(VERSION)
                        .putInt(dimension)
                        .putShort((short) id.length)
                        .put(id)
                        .flip();
                writeFully(channel, header, 0);
                channel.force(true);
            } else {
                checkHeader(channel, file, spec, dimension);
            }
            EmbeddingCache cache = new EmbeddingCache(file, spec, dimension, channel, dataStart);
            cache.load();
            return cache;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** One process appends to a cache at a time: two appending at once would overwrite each other's records. */
    private static void lock(FileChannel channel, Path file) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IOException(file + " is in use by another process (or another cache in this one)");
        }
    }

    private static void checkHeader(FileChannel channel, Path file, EmbedderSpec spec, int dimension)
            throws IOException {
        ByteBuffer fixed = ByteBuffer.allocate(14);
        readFully(channel, fixed, 0, file);
        fixed.flip();
        if (fixed.getInt() != MAGIC) {
            throw new IOException(file + " is not an embedding cache");
        }
        int version = fixed.getInt();
        if (version != VERSION) {
            throw new IOException(file + " has unsupported version " + version);
        }
        int storedDimension = fixed.getInt();
        int idLength = fixed.getShort();
        if (idLength < 0 || idLength > 1024) {
            throw new IOException(file + " is corrupt");
        }
        ByteBuffer idBytes = ByteBuffer.allocate(idLength);
        readFully(channel, idBytes, 14, file);
        String storedId = new String(idBytes.array(), StandardCharsets.UTF_8);
        if (!storedId.equals(spec.id()) || storedDimension != dimension) {
            throw new IOException(file + " holds vectors of " + storedId + " with " + storedDimension
                    + " dimensions, not of " + spec.id() + " with " + dimension);
        }
    }

    /** Reads every key, cutting the file after the last intact record. */
    private void load() throws IOException {
        long size = channel.size();
        ByteBuffer record = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        long position = dataStart;
        CRC32C crc = new CRC32C();
        while (position + recordBytes <= size) {
            record.clear();
            readFully(channel, record, position, file);
            crc.reset();
            crc.update(record.array(), 0, recordBytes - 4);
            if ((int) crc.getValue() != record.getInt(recordBytes - 4)) {
                break;
            }
            table.put(record.getLong(0), record.getLong(8), records++);
            position += recordBytes;
        }
        if (position < size) {
            LOG.warn("{}: cut {} bytes of a torn or corrupt tail after {} vectors", file, size - position, records);
            channel.truncate(position);
            channel.force(true);
        }
    }

    public EmbedderSpec spec() {
        return spec;
    }

    public int dimension() {
        return dimension;
    }

    /** Texts with a vector here. */
    public synchronized long size() {
        return records;
    }

    /** The key of {@code text}: the first 128 bits of the SHA-256 of its UTF-8 bytes. */
    public static Key key(String text) {
        byte[] digest = sha256().digest(text.getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.wrap(digest);
        return new Key(b.getLong(), b.getLong());
    }

    /** The vector stored for {@code key}, or {@code null}. */
    public float[] get(Key key) throws IOException {
        long index;
        synchronized (this) {
            index = table.get(key.high(), key.low());
        }
        if (index < 0) {
            return null;
        }
        ByteBuffer record = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, record, dataStart + index * recordBytes, file);
        float[] vector = new float[dimension];
        record.position(KEY_BYTES);
        record.asFloatBuffer().get(vector);
        return vector;
    }

    /** Stores {@code vector} for {@code key} unless one is stored already. */
    public synchronized void put(Key key, float[] vector) throws IOException {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector has dimension " + vector.length + ", the cache " + dimension);
        }
        if (table.get(key.high(), key.low()) >= 0) {
            return;
        }
        ByteBuffer record = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        record.putLong(key.high()).putLong(key.low());
        for (float v : vector) {
            record.putFloat(v);
        }
        CRC32C crc = new CRC32C();
        crc.update(record.array(), 0, recordBytes - 4);
        record.putInt((int) crc.getValue()).flip();
        writeFully(channel, record, dataStart + records * recordBytes);
        table.put(key.high(), key.low(), records++);
    }

    /** Forces what was appended to the disk. */
    public void flush() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "embedding cache " + file + " (" + spec.id() + ", " + dimension + " dimensions)";
    }

    /** A text's 128-bit key. */
    public record Key(long high, long low) {}

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path file) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new IOException(file + " ended early");
            }
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer, position + buffer.position());
        }
    }
}
