package dev.recsys.ingest.checkpoints;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints Flink retained in one checkpoint folder, across the job folders of every run
 * that used it ({@code <folder>/<job id>/chk-<n>/_metadata}).
 *
 * <p>A checkpoint is complete once its {@code _metadata} exists: Flink writes it last, after every
 * task has acknowledged its state, and deletes it first when it discards a checkpoint. A folder
 * without it (a checkpoint in progress when the job was killed, or half discarded) is skipped, and
 * so is one whose {@code _metadata} Flink cannot read. Works on any file system Flink can reach from
 * this process ({@code file:}, and {@code s3:} and the like with their plugins).
 */
public final class RetainedCheckpoints {
    private static final Logger LOG = LoggerFactory.getLogger(RetainedCheckpoints.class);

    /** Flink names a job's folder by its job id: 32 hexadecimal digits. */
    private static final Pattern JOB_FOLDER = Pattern.compile("[0-9a-f]{32}");

    private static final Pattern CHECKPOINT_FOLDER = Pattern.compile("chk-([0-9]{1,18})");
    static final String METADATA = "_metadata";

    private final Path folder;
    private final FileSystem fileSystem;

    private RetainedCheckpoints(Path folder, FileSystem fileSystem) {
        this.folder = folder;
        this.fileSystem = fileSystem;
    }

    /**
     * The checkpoints in {@code checkpointDir} (a URI, as {@code --checkpoint-dir} holds it).
     *
     * @throws IOException if no file system serves the URI's scheme
     */
    public static RetainedCheckpoints in(String checkpointDir) throws IOException {
        Path folder = new Path(checkpointDir);
        return new RetainedCheckpoints(folder, folder.getFileSystem());
    }

    /** The checkpoint folder. */
    public String folder() {
        return folder.toString();
    }

    /**
     * The newest complete and readable checkpoint of any run: the latest {@code _metadata} written,
     * and of one run the highest checkpoint number.
     *
     * @throws IOException if the folder exists but cannot be listed
     */
    public Optional<RetainedCheckpoint> latest() throws IOException {
        List<RetainedCheckpoint> candidates = new ArrayList<>();
        for (String jobId : runs()) {
            candidates.addAll(withMetadata(jobId));
        }
        candidates.sort(NEWEST_FIRST);
        for (RetainedCheckpoint candidate : candidates) {
            if (readable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The complete and readable checkpoints of one run, newest first. */
    public List<RetainedCheckpoint> completed(String jobId) throws IOException {
        List<RetainedCheckpoint> checkpoints = new ArrayList<>(withMetadata(jobId));
        checkpoints.sort(NEWEST_FIRST);
        checkpoints.removeIf(checkpoint -> !readable(checkpoint));
        return checkpoints;
    }

    /** The ids of the runs that have a job folder here (sub-folders named like a job id), sorted. */
    public List<String> runs() throws IOException {
        List<String> runs = new ArrayList<>();
        for (FileStatus entry : list(folder)) {
            String name = entry.getPath().getName();
            if (entry.isDir() && JOB_FOLDER.matcher(name).matches()) {
                runs.add(name);
            }
        }
        runs.sort(Comparator.naturalOrder());
        return runs;
    }

    /** Deletes a run's job folder with everything in it. */
    void deleteRun(String jobId) throws IOException {
        if (!JOB_FOLDER.matcher(jobId).matches()) {
            throw new IllegalArgumentException("not a job id: " + jobId);
        }
        fileSystem.delete(new Path(folder, jobId), true);
    }

    private static final Comparator<RetainedCheckpoint> NEWEST_FIRST = Comparator.comparingLong(
                    RetainedCheckpoint::completedAt)
            .thenComparingLong(RetainedCheckpoint::checkpointId)
            .reversed();

    /** The run's {@code chk-<n>} folders that have a {@code _metadata} file. */
    private List<RetainedCheckpoint> withMetadata(String jobId) throws IOException {
        List<RetainedCheckpoint> found = new ArrayList<>();
        for (FileStatus entry : list(new Path(folder, jobId))) {
            Matcher name = CHECKPOINT_FOLDER.matcher(entry.getPath().getName());
            if (!entry.isDir() || !name.matches()) {
                continue;
            }
            Path metadata = new Path(entry.getPath(), METADATA);
            FileStatus status;
            try {
                status = fileSystem.getFileStatus(metadata);
            } catch (IOException missing) {
                LOG.debug("{} is incomplete (no {})", entry.getPath(), METADATA);
                continue;
            }
            found.add(new RetainedCheckpoint(
                    entry.getPath().toUri().toString(),
                    jobId,
                    Long.parseLong(name.group(1)),
                    status.getModificationTime()));
        }
        return found;
    }

    /** Whether Flink can read the checkpoint's {@code _metadata} in full. */
    private boolean readable(RetainedCheckpoint checkpoint) {
        Path metadata = new Path(new Path(checkpoint.location()), METADATA);
        try (InputStream in = fileSystem.open(metadata)) {
            Checkpoints.loadCheckpointMetadata(
                    new DataInputStream(in), RetainedCheckpoints.class.getClassLoader(), checkpoint.location());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "skipping checkpoint {}: its {} cannot be read ({})",
                    checkpoint.location(),
                    METADATA,
                    e.toString());
            return false;
        }
    }

    /** The entries of a folder; none when it does not exist. */
    private FileStatus[] list(Path path) throws IOException {
        if (!fileSystem.exists(path)) {
            return new FileStatus[0];
        }
        FileStatus[] entries = fileSystem.listStatus(path);
        return entries == null ? new FileStatus[0] : entries;
    }
}
