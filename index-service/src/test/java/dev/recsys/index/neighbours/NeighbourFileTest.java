package dev.recsys.index.neighbours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeighbourFileTest {
    @TempDir
    Path dir;

    /** Lists added in arbitrary order, ids with non-ASCII characters, one id only ever named as a neighbour. */
    private NeighbourFile written() throws IOException {
        NeighbourLists lists = new NeighbourLists();
        lists.add("p-2", List.of("é-1", "p-10"), new float[] {0.9f, 0.4f});
        lists.add("é-1", List.of("p-2"), new float[] {0.9f});
        lists.add("p-10", List.of("z-only-a-neighbour", "p-2", "é-1"), new float[] {0.7f, 0.4f, 0.1f});
        assertEquals(3, lists.lists());
        assertEquals(3, lists.maxK());
        Path file = dir.resolve(NeighbourFile.FILE_NAME);
        lists.writeTo(file);
        assertEquals(32 + 2 * 4 * 5 + bytes("p-2", "é-1", "p-10", "z-only-a-neighbour") + 8 * 6, Files.size(file));
        return NeighbourFile.open(file);
    }

    private static int bytes(String... ids) {
        return Arrays.stream(ids)
                .mapToInt(id -> id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .sum();
    }

    @Test
    void listsReadBackByItemIdInTheirOrder() throws IOException {
        NeighbourFile file = written();
        assertEquals(4, file.items());
        assertEquals(3, file.maxK());
        int p10 = file.indexOf("p-10");
        assertEquals("p-10", file.itemId(p10));
        assertEquals(3, file.neighbourCount(p10));
        assertEquals("z-only-a-neighbour", file.itemId(file.neighbour(p10, 0)));
        assertEquals(0.7f, file.similarity(p10, 0));
        assertEquals("é-1", file.itemId(file.neighbour(p10, 2)));
        assertEquals(0.1f, file.similarity(p10, 2));
        int accented = file.indexOf("é-1");
        assertEquals("p-2", file.itemId(file.neighbour(accented, 0)));
        assertEquals(0, file.neighbourCount(file.indexOf("z-only-a-neighbour")));
    }

    @Test
    void idsAreSortedByTheirUtf8BytesSoEveryOneIsFound() throws IOException {
        NeighbourFile file = written();
        for (int i = 0; i < file.items(); i++) {
            assertEquals(i, file.indexOf(file.itemId(i)));
        }
        assertEquals(-1, file.indexOf("p-1"));
        assertEquals(-1, file.indexOf(""));
        assertEquals(-1, file.indexOf("zz"));
        assertTrue(file.hasList("p-2"));
        assertFalse(file.hasList("z-only-a-neighbour"));
        assertEquals(3, file.lists());
    }

    @Test
    void carryingOverCopiesTheFileByteForByte() throws IOException {
        NeighbourFile file = written();
        Path copy = dir.resolve("copy.bin");
        file.writeTo(copy);
        assertEquals(-1L, Files.mismatch(dir.resolve(NeighbourFile.FILE_NAME), copy));
    }

    @Test
    void aTruncatedOrForeignFileIsRefused() throws IOException {
        written();
        Path file = dir.resolve(NeighbourFile.FILE_NAME);
        byte[] all = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.bin");
        Files.write(truncated, Arrays.copyOf(all, all.length - 4));
        assertThrows(IOException.class, () -> NeighbourFile.open(truncated));
        Path foreign = dir.resolve("foreign.bin");
        Files.writeString(foreign, "{\"not\": \"a neighbour file at all, but long enough\"}");
        assertThrows(IOException.class, () -> NeighbourFile.open(foreign));
    }

    @Test
    void anItemHasOneList() {
        NeighbourLists lists = new NeighbourLists();
        lists.add("a", List.of("b"), new float[] {0.5f});
        assertThrows(IllegalArgumentException.class, () -> lists.add("a", List.of("c"), new float[] {0.5f}));
    }
}
