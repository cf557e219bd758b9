package dev.recsys.infra.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataTest {

    @TempDir
    Path dir;

    @Test
    void reuseNoticeNamesWhatAnEarlierRunLeft() throws Exception {
        leaveAnEarlierRun();

        Optional<String> notice = new DemoData(dir).reuseNotice();

        assertEquals(
                Optional.of("Reusing " + dir + ": Kafka data, catalog generation 3, stream-job checkpoints;"
                        + " ./recsys demo --fresh starts clean"),
                notice);
    }

    @Test
    void nothingIsReportedForAMissingOrEmptyFolder() throws Exception {
        assertEquals(Optional.empty(), new DemoData(dir.resolve("missing")).reuseNotice());
        assertEquals(Optional.empty(), new DemoData(dir).reuseNotice());
    }

    @Test
    void aCheckpointWithoutItsMetadataIsNotReported() throws Exception {
        Files.createDirectories(dir.resolve("ingest/checkpoints/0f3a/chk-4"));
        Files.createDirectories(dir.resolve("ingest/checkpoints/0f3a/shared"));

        assertEquals(Optional.empty(), new DemoData(dir).reuseNotice());
    }

    @Test
    void wipeDeletesEverythingTheDemoWrote() throws Exception {
        leaveAnEarlierRun();
        Files.writeString(dir.resolve("logs/index-service.log"), "x");

        assertTrue(new DemoData(dir).wipe());

        try (var left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
        assertEquals(Optional.empty(), new DemoData(dir).reuseNotice());
        assertFalse(new DemoData(dir).wipe(), "nothing left to delete");
    }

    @Test
    void wipeRefusesAFolderThatHoldsSomethingElseAndDeletesNothing() throws Exception {
        leaveAnEarlierRun();
        Files.writeString(dir.resolve("thesis.tex"), "x");
        Files.writeString(dir.resolve("kafka/notes.txt"), "x");

        IOException e = assertThrows(IOException.class, () -> new DemoData(dir).wipe());

        assertTrue(e.getMessage().contains("[kafka/notes.txt, thesis.tex]"), e.getMessage());
        assertTrue(e.getMessage().contains("choose another --data folder"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("thesis.tex")));
        assertTrue(Files.exists(dir.resolve("kafka/kraft/meta.properties")));
        assertTrue(Files.exists(dir.resolve("service/index/CURRENT")));
    }

    @Test
    void pathsInsideTheWorkingFolderAreShownRelativeToIt() {
        assertEquals(
                Path.of("data", "demo").toString(),
                DemoData.shown(Path.of("data/demo").toAbsolutePath()));
        assertEquals(dir.toString(), DemoData.shown(dir));
    }

    /**
     * What a demo run leaves: a formatted broker, generation 3 live with the Transformer's embedding cache,
     * one completed checkpoint.
     */
    private void leaveAnEarlierRun() throws IOException {
        Files.createDirectories(dir.resolve("kafka/kraft/interactions-0"));
        Files.writeString(dir.resolve("kafka/kraft/meta.properties"), "cluster.id=x");
        Files.writeString(dir.resolve("kafka/server.properties"), "x");
        Files.writeString(dir.resolve("kafka/broker.log"), "x");
        Files.createDirectories(dir.resolve("service/index/gen-00000003"));
        Files.writeString(dir.resolve("service/index/CURRENT"), "3\n");
        Files.createDirectories(dir.resolve("service/embeddings"));
        Files.writeString(dir.resolve("service/embeddings/transformer-bge-small-en-v15-q-384.vectors"), "x");
        Files.createDirectories(dir.resolve("ingest/checkpoints/0f3a/chk-12"));
        Files.writeString(dir.resolve("ingest/checkpoints/0f3a/chk-12/_metadata"), "x");
        Files.createDirectories(dir.resolve("logs"));
    }
}
