package dev.recsys.ingest.checkpoints;

import static dev.recsys.ingest.checkpoints.CheckpointFolders.RUN_A;
import static dev.recsys.ingest.checkpoints.CheckpointFolders.RUN_B;
import static dev.recsys.ingest.checkpoints.CheckpointFolders.completed;
import static dev.recsys.ingest.checkpoints.CheckpointFolders.incomplete;
import static dev.recsys.ingest.checkpoints.CheckpointFolders.truncated;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedCheckpointsTest {
    private static final long T = 1_750_000_000_000L;

    @TempDir
    Path root;

    private Optional<String> latest() throws Exception {
        return RetainedCheckpoints.in(root.toUri().toString()).latest().map(RetainedCheckpoint::location);
    }

    /** How Flink names a local folder: {@code file:} and the absolute path. */
    private static String uri(Path dir) {
        return "file:" + dir.toAbsolutePath();
    }

    @Test
    void aMissingOrEmptyFolderHasNoCheckpoint() throws Exception {
        assertEquals(
                Optional.empty(),
                RetainedCheckpoints.in(root.resolve("never-written").toUri().toString())
                        .latest());
        assertEquals(Optional.empty(), latest());
    }

    @Test
    void theLatestIsTheNewestCompletedCheckpointAcrossRuns() throws Exception {
        completed(root, RUN_A, 5, T);
        completed(root, RUN_A, 6, T + 1_000);
        Path newest = completed(root, RUN_B, 3, T + 2_000);

        RetainedCheckpoint latest =
                RetainedCheckpoints.in(root.toUri().toString()).latest().orElseThrow();

        assertEquals(new RetainedCheckpoint(uri(newest), RUN_B, 3, T + 2_000), latest);
    }

    @Test
    void ofOneRunTheHigherNumberWinsWhenWrittenInTheSameMillisecond() throws Exception {
        completed(root, RUN_A, 9, T);
        Path higher = completed(root, RUN_A, 10, T);

        assertEquals(Optional.of(uri(higher)), latest());
    }

    @Test
    void incompleteAndUnreadableCheckpointsAreSkipped() throws Exception {
        Path good = completed(root, RUN_A, 7, T);
        incomplete(root, RUN_A, 8);
        truncated(root, RUN_A, 9, T + 2_000);
        incomplete(root, RUN_B, 10);

        assertEquals(Optional.of(uri(good)), latest());
        assertEquals(
                List.of(7L),
                RetainedCheckpoints.in(root.toUri().toString()).completed(RUN_A).stream()
                        .map(RetainedCheckpoint::checkpointId)
                        .toList());
    }

    @Test
    void foldersNotNamedLikeAJobAreNoRun() throws Exception {
        completed(root, RUN_A, 1, T);
        Files.createDirectories(root.resolve("savepoints").resolve("chk-4"));
        Files.writeString(root.resolve("savepoints").resolve("chk-4").resolve("_metadata"), "not a run");
        Files.createDirectories(root.resolve("0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A"));
        Files.writeString(root.resolve(RUN_B), "a file, not a folder");

        assertEquals(
                List.of(RUN_A), RetainedCheckpoints.in(root.toUri().toString()).runs());
    }
}
