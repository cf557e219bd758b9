package dev.recsys.index.catalog.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allow-list on real folders, files and symbolic links. */
class SourceFoldersTest {
    @TempDir
    Path root;

    private Path data;
    private Path catalogs;
    private Path outside;
    private SourceFolders folders;

    @BeforeEach
    void folders() throws IOException {
        data = Files.createDirectories(root.resolve("data"));
        catalogs = Files.createDirectories(root.resolve("catalogs"));
        outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.writeString(catalogs.resolve("catalog.jsonl"), "{}\n");
        folders = new SourceFolders(List.of(data, catalogs));
    }

    private String refusal(Path path) {
        return assertThrows(SourceFolders.OutsideException.class, () -> folders.resolve(path, "source"))
                .getMessage();
    }

    @Test
    void aFileInAnAllowedFolderResolvesToItsRealPath() throws IOException {
        Path file = catalogs.resolve("catalog.jsonl");
        assertEquals(file.toRealPath(), folders.resolve(file, "source"));
        Path sub = Files.createDirectories(data.resolve("sub"));
        assertEquals(sub.toRealPath(), folders.resolve(data.resolve("sub/./../sub"), "source"));
    }

    @Test
    void aFileOutsideEveryFolderIsRefusedNamingTheFieldOnly() {
        String message = refusal(outside.resolve("secret.txt"));
        assertTrue(message.startsWith("source is not under a folder the service may read"), message);
        assertFalse(message.contains("secret"), message);
        assertFalse(message.contains(outside.toString()), message);
    }

    @Test
    void systemFilesAreRefused() {
        refusal(Path.of("/etc/passwd"));
        refusal(Path.of("/proc/self/environ"));
        refusal(Path.of("/"));
    }

    @Test
    void dotDotLeavingAFolderIsRefused() {
        refusal(data.resolve("../outside/secret.txt"));
        refusal(catalogs.resolve("../../../../../../../etc/passwd"));
    }

    @Test
    void aLinkInsideAFolderToAFileOutsideIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(catalogs.resolve("catalog-link.jsonl"), outside.resolve("secret.txt"));
        refusal(link);
        Path linkedFolder = Files.createSymbolicLink(data.resolve("elsewhere"), outside);
        refusal(linkedFolder.resolve("secret.txt"));
        Path proc = Files.createSymbolicLink(data.resolve("environ"), Path.of("/proc/self/environ"));
        refusal(proc);
    }

    @Test
    void aLinkThatLeadsNowhereIsRefusedWhereverItWouldLead() throws IOException {
        Path dangling = Files.createSymbolicLink(catalogs.resolve("later.jsonl"), outside.resolve("not-yet.txt"));
        refusal(dangling);
        Path inside = Files.createSymbolicLink(catalogs.resolve("inside-later.jsonl"), catalogs.resolve("nope"));
        refusal(inside);
    }

    @Test
    void aLinkBetweenAllowedFoldersIsFollowed() throws IOException {
        Path link = Files.createSymbolicLink(data.resolve("catalog.jsonl"), catalogs.resolve("catalog.jsonl"));
        assertEquals(catalogs.resolve("catalog.jsonl").toRealPath(), folders.resolve(link, "source"));
    }

    @Test
    void anAllowedFolderGivenAsALinkAllowsWhatIsInItsTarget() throws IOException {
        Path real = Files.createDirectories(root.resolve("real-catalogs"));
        Files.writeString(real.resolve("c.jsonl"), "{}\n");
        Path link = Files.createSymbolicLink(root.resolve("linked-catalogs"), real);
        SourceFolders viaLink = new SourceFolders(List.of(link));
        assertEquals(real.resolve("c.jsonl").toRealPath(), viaLink.resolve(link.resolve("c.jsonl"), "source"));
        assertEquals(real.resolve("c.jsonl").toRealPath(), viaLink.resolve(real.resolve("c.jsonl"), "source"));
    }

    @Test
    void aFolderWhoseNameStartsLikeAnAllowedOneIsNotInside() throws IOException {
        Path sibling = Files.createDirectories(root.resolve("data-other"));
        Files.writeString(sibling.resolve("x.jsonl"), "{}\n");
        refusal(sibling.resolve("x.jsonl"));
    }

    @Test
    void aMissingPathResolvesInsideAndIsRefusedOutsideAlike() throws IOException {
        Path missing = catalogs.resolve("no/such/file.jsonl");
        assertEquals(catalogs.toRealPath().resolve("no/such/file.jsonl"), folders.resolve(missing, "source"));
        String existing = refusal(outside.resolve("secret.txt"));
        String missingOutside = refusal(outside.resolve("no-such-file"));
        assertEquals(existing, missingOutside, "the answer does not tell whether the file exists");
        refusal(catalogs.resolve("missing/../../outside/secret.txt"));
    }

    @Test
    void aFolderThatDoesNotExistAllowsNothing() {
        SourceFolders none = new SourceFolders(List.of(root.resolve("not-created")));
        assertThrows(
                SourceFolders.OutsideException.class,
                () -> none.resolve(root.resolve("not-created/x.jsonl"), "source"));
    }

    @Test
    void anywhereLeavesCommandLinePathsAsTheyAre() {
        Path path = Path.of("/etc/passwd");
        assertSame(path, SourceFolders.ANYWHERE.resolve(path, "source"));
    }
}
