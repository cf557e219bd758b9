package dev.recsys.ingest.checkpoints;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the job folders of earlier runs once the current run has completed a checkpoint of its
 * own. Flink keeps the newest few checkpoints of a run ({@code state.checkpoints.num-retained}) but
 * never looks at the folders of earlier runs, so without this every restart would leave one behind.
 *
 * <p>Safe because the job restores in {@code NO_CLAIM} mode: the new run's first checkpoint is a full
 * one that refers to no file of the checkpoint it started from, so from then on nothing needs the
 * older folders. Until then they stay, so a run that dies before its first checkpoint is followed by
 * one that resumes from the same checkpoint again.
 */
public final class OlderRunsPruner {
    private static final Logger LOG = LoggerFactory.getLogger(OlderRunsPruner.class);

    private final RetainedCheckpoints checkpoints;

    public OlderRunsPruner(RetainedCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    /**
     * If run {@code jobId} has a complete checkpoint, deletes the job folder of every other run.
     *
     * @return the ids of the runs deleted; empty (nothing deleted) while run {@code jobId} has no
     *     complete checkpoint
     * @throws IOException if the folder cannot be listed or a run's folder cannot be deleted
     */
    public Optional<List<String>> pruneOnceCheckpointed(String jobId) throws IOException {
        if (checkpoints.completed(jobId).isEmpty()) {
            return Optional.empty();
        }
        List<String> deleted = new ArrayList<>();
        for (String run : checkpoints.runs()) {
            if (!run.equals(jobId)) {
                checkpoints.deleteRun(run);
                deleted.add(run);
            }
        }
        if (!deleted.isEmpty()) {
            LOG.info(
                    "run {} completed a checkpoint: deleted the checkpoints of earlier runs {} from {}",
                    jobId,
                    deleted,
                    checkpoints.folder());
        }
        return Optional.of(deleted);
    }
}
