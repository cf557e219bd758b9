package dev.recsys.index.embed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file a generation keeps its {@link HashedNgramEmbedder} in: magic {@code HNGE}, version, dimension,
 * document count, then the sorted feature ids with their idf. Apart from the embedder so the on-disk
 * format has one place, checked when read.
 */
final class EmbedderFile {
    private static final int FILE_MAGIC = 0x48_4e_47_45; // "HNGE"
    private static final int FILE_VERSION = 1;

    private EmbedderFile() {}

    static void write(Path file, int dimension, int documentCount, long[] featureIds, float[] featureIdf)
            throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
            out.writeInt(FILE_MAGIC);
            out.writeInt(FILE_VERSION);
            out.writeInt(dimension);
            out.writeInt(documentCount);
            out.writeInt(featureIds.length);
            for (int i = 0; i < featureIds.length; i++) {
                out.writeLong(featureIds[i]);
                out.writeFloat(featureIdf[i]);
            }
        }
    }

    static HashedNgramEmbedder read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            if (in.readInt() != FILE_MAGIC) {
                throw new IOException(file + " is not a hashed n-gram embedder file");
            }
            int version = in.readInt();
            if (version != FILE_VERSION) {
                throw new IOException(file + " has unsupported version " + version);
            }
            int dimension = in.readInt();
            int documents = in.readInt();
            int features = in.readInt();
            if (dimension < 1 || dimension > HashedNgramEmbedder.MAX_DIMENSION || documents < 0 || features < 0) {
                throw new IOException(file + " is corrupt");
            }
            long[] ids = new long[features];
            float[] idf = new float[features];
            for (int i = 0; i < features; i++) {
                ids[i] = in.readLong();
                idf[i] = in.readFloat();
                if (i > 0 && ids[i] <= ids[i - 1]) {
                    throw new IOException(file + " is corrupt: feature ids not sorted");
                }
            }
            return new HashedNgramEmbedder(dimension, documents, ids, idf);
        }
    }
}
