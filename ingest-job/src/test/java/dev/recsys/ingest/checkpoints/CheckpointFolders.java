package dev.recsys.ingest.checkpoints;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;

/** Checkpoint folders laid out as Flink writes them, for tests on real folders. */
final class CheckpointFolders {
    static final String RUN_A = "0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a";
    static final String RUN_B = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b";
    static final String RUN_C = "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c";

    private CheckpointFolders() {}

    /** {@code <root>/<run>/chk-<id>} with a real {@code _metadata} (no operator state), written at {@code time}. */
    static Path completed(Path root, String run, long id, long time) throws IOException {
        Path dir = Files.createDirectories(root.resolve(run).resolve("chk-" + id));
        Path metadata = dir.resolve(RetainedCheckpoints.METADATA);
        try (OutputStream out = Files.newOutputStream(metadata)) {
            Checkpoints.storeCheckpointMetadata(
                    new CheckpointMetadata(id, List.of(), List.of()), new DataOutputStream(out));
        }
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(time));
        return dir;
    }

    /** A checkpoint in progress when the job stopped: a state file, no {@code _metadata}. */
    static Path incomplete(Path root, String run, long id) throws IOException {
        Path dir = Files.createDirectories(root.resolve(run).resolve("chk-" + id));
        Files.write(dir.resolve("d7c6f1e2-state"), new byte[] {1, 2, 3});
        return dir;
    }

    /** A checkpoint whose {@code _metadata} is cut short (as a file system without atomic writes may leave it). */
    static Path truncated(Path root, String run, long id, long time) throws IOException {
        Path dir = completed(root, run, id, time);
        Path metadata = dir.resolve(RetainedCheckpoints.METADATA);
        byte[] bytes = Files.readAllBytes(metadata);
        Files.write(metadata, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(time));
        return dir;
    }
}
