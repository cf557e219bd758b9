package dev.recsys.ingest.checkpoints;

import static dev.recsys.ingest.checkpoints.CheckpointFolders.RUN_A;
import static dev.recsys.ingest.checkpoints.CheckpointFolders.RUN_B;
import static dev.recsys.ingest.checkpoints.CheckpointFolders.RUN_C;
import static dev.recsys.ingest.checkpoints.CheckpointFolders.completed;
import static dev.recsys.ingest.checkpoints.CheckpointFolders.incomplete;
import static dev.recsys.ingest.checkpoints.CheckpointFolders.truncated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OlderRunsPrunerTest {
    private static final long T = 1_750_000_000_000L;

    @TempDir
    Path root;

    private RetainedCheckpoints checkpoints() throws Exception {
        return RetainedCheckpoints.in(root.toUri().toString());
    }

    @Test
    void earlierRunsStayUntilTheCurrentRunHasACompleteCheckpoint() throws Exception {
        completed(root, RUN_A, 4, T);
        incomplete(root, RUN_B, 5);
        truncated(root, RUN_B, 6, T + 1_000);

        Optional<List<String>> deleted = new OlderRunsPruner(checkpoints()).pruneOnceCheckpointed(RUN_B);

        assertEquals(Optional.empty(), deleted);
        assertEquals(List.of(RUN_A, RUN_B), checkpoints().runs());
        assertEquals(RUN_A, checkpoints().latest().orElseThrow().jobId(), "the next start still resumes from run A");
    }

    @Test
    void onceTheCurrentRunHasACheckpointEveryOtherRunIsDeleted() throws Exception {
        completed(root, RUN_A, 4, T);
        incomplete(root, RUN_A, 5);
        completed(root, RUN_C, 2, T - 1_000);
        completed(root, RUN_B, 5, T + 1_000);
        Files.createDirectories(root.resolve("savepoints"));

        Optional<List<String>> deleted = new OlderRunsPruner(checkpoints()).pruneOnceCheckpointed(RUN_B);

        assertEquals(Optional.of(List.of(RUN_A, RUN_C)), deleted);
        assertEquals(List.of(RUN_B), checkpoints().runs());
        assertTrue(Files.isDirectory(root.resolve("savepoints")), "only job folders are deleted");
        assertEquals(5, checkpoints().latest().orElseThrow().checkpointId());
    }
}
