package dev.recsys.ingest.checkpoints;

/**
 * A completed checkpoint that Flink kept in the checkpoint folder, {@code <folder>/<job id>/chk-<n>}.
 *
 * @param location the {@code chk-<n>} folder as a URI, what {@code --restore-from} takes
 * @param jobId the id of the run that wrote it (the name of its job folder)
 * @param checkpointId {@code n}
 * @param completedAt when its {@code _metadata} was written, epoch milliseconds
 */
public record RetainedCheckpoint(String location, String jobId, long checkpointId, long completedAt) {}
