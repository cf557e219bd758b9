package dev.recsys.index.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk embedding cache: lookups, reopening, a torn tail, and refusing another embedder's file. */
class EmbeddingCacheTest {
    private static final int DIMENSION = 8;

    @TempDir
    Path folder;

    private static float[] vector(Random random) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat() - 0.5f;
        }
        return v;
    }

    @Test
    void storedVectorsAreFoundAgainAfterReopening() throws IOException {
        Path file = folder.resolve("cache.vectors");
        Random random = new Random(7);
        float[][] vectors = new float[3000][];
        try (EmbeddingCache cache = EmbeddingCache.open(file, EmbedderSpec.TRANSFORMER, DIMENSION)) {
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = vector(random);
                cache.put(EmbeddingCache.key("text " + i), vectors[i]);
            }
            assertArrayEquals(vectors[17], cache.get(EmbeddingCache.key("text 17")));
            assertNull(cache.get(EmbeddingCache.key("never stored")));
            cache.put(EmbeddingCache.key("text 5"), vector(random)); // the first vector stays
            assertArrayEquals(vectors[5], cache.get(EmbeddingCache.key("text 5")));
        }
        try (EmbeddingCache reopened = EmbeddingCache.open(file, EmbedderSpec.TRANSFORMER, DIMENSION)) {
            assertEquals(vectors.length, reopened.size());
            for (int i = 0; i < vectors.length; i += 97) {
                assertArrayEquals(vectors[i], reopened.get(EmbeddingCache.key("text " + i)));
            }
        }
    }

    @Test
    void aTornTailIsCutAndTheIntactRecordsKept() throws IOException {
        Path file = folder.resolve("cache.vectors");
        Random random = new Random(11);
        float[] first = vector(random);
        try (EmbeddingCache cache = EmbeddingCache.open(file, EmbedderSpec.TRANSFORMER, DIMENSION)) {
            cache.put(EmbeddingCache.key("first"), first);
            cache.put(EmbeddingCache.key("second"), vector(random));
        }
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size - 5); // a crash in the middle of the second record
        }
        try (EmbeddingCache reopened = EmbeddingCache.open(file, EmbedderSpec.TRANSFORMER, DIMENSION)) {
            assertEquals(1, reopened.size());
            assertArrayEquals(first, reopened.get(EmbeddingCache.key("first")));
            assertNull(reopened.get(EmbeddingCache.key("second")));
            float[] again = vector(random);
            reopened.put(EmbeddingCache.key("second"), again); // appended where the torn record was
            assertArrayEquals(again, reopened.get(EmbeddingCache.key("second")));
        }
        try (EmbeddingCache reopened = EmbeddingCache.open(file, EmbedderSpec.TRANSFORMER, DIMENSION)) {
            assertEquals(2, reopened.size());
        }
    }

    @Test
    void aCorruptRecordEndsWhatIsRead() throws IOException {
        Path file = folder.resolve("cache.vectors");
        Random random = new Random(3);
        try (EmbeddingCache cache = EmbeddingCache.open(file, EmbedderSpec.TRANSFORMER, DIMENSION)) {
            for (int i = 0; i < 4; i++) {
                cache.put(EmbeddingCache.key("t" + i), vector(random));
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 10] ^= 0x40; // a flipped bit in the last record's floats
        Files.write(file, bytes);
        try (EmbeddingCache reopened = EmbeddingCache.open(file, EmbedderSpec.TRANSFORMER, DIMENSION)) {
            assertEquals(3, reopened.size());
            assertNull(reopened.get(EmbeddingCache.key("t3")));
        }
    }

    @Test
    void anotherEmbeddersFileIsRefusedNamingBoth() throws IOException {
        Path file = folder.resolve("cache.vectors");
        EmbeddingCache.open(file, EmbedderSpec.TRANSFORMER, DIMENSION).close();
        IOException otherDimension =
                assertThrows(IOException.class, () -> EmbeddingCache.open(file, EmbedderSpec.TRANSFORMER, 16));
        assertTrue(
                otherDimension
                        .getMessage()
                        .contains("with 8 dimensions, not of transformer:bge-small-en-v15-q with 16"),
                otherDimension.getMessage());
        IOException otherEmbedder =
                assertThrows(IOException.class, () -> EmbeddingCache.open(file, EmbedderSpec.HASHED, DIMENSION));
        assertTrue(otherEmbedder.getMessage().contains("not of hashed"), otherEmbedder.getMessage());
        Path notACache = folder.resolve("other");
        Files.writeString(notACache, "hello, this is not a cache file");
        assertThrows(IOException.class, () -> EmbeddingCache.open(notACache, EmbedderSpec.TRANSFORMER, DIMENSION));
    }

    @Test
    void aCacheFileIsHeldByOneInstanceAtATime() throws IOException {
        Path file = folder.resolve("cache.vectors");
        try (EmbeddingCache first = EmbeddingCache.open(file, EmbedderSpec.TRANSFORMER, DIMENSION)) {
            IOException refused = assertThrows(
                    IOException.class, () -> EmbeddingCache.open(file, EmbedderSpec.TRANSFORMER, DIMENSION));
            assertTrue(refused.getMessage().contains("is in use"), refused.getMessage());
            first.put(EmbeddingCache.key("still usable"), new float[DIMENSION]);
        }
        try (EmbeddingCache again = EmbeddingCache.open(file, EmbedderSpec.TRANSFORMER, DIMENSION)) {
            assertEquals(1, again.size(), "closing released the file");
        }
    }

    @Test
    void keysDependOnEveryCharacter() {
        assertEquals(EmbeddingCache.key("Trail running shoes"), EmbeddingCache.key("Trail running shoes"));
        assertNotEquals(EmbeddingCache.key("Trail running shoes"), EmbeddingCache.key("Trail running shoe"));
        assertNotEquals(EmbeddingCache.key("café"), EmbeddingCache.key("cafe"));
    }

    @Test
    void aWrongSizedVectorIsRefused() throws IOException {
        try (EmbeddingCache cache =
                EmbeddingCache.open(folder.resolve("c.vectors"), EmbedderSpec.TRANSFORMER, DIMENSION)) {
            assertThrows(IllegalArgumentException.class, () -> cache.put(EmbeddingCache.key("x"), new float[3]));
        }
    }
}
