/**
 * The job's retained checkpoints on disk: which one a start resumes from ({@link
 * dev.recsys.ingest.checkpoints.RetainedCheckpoints}) and removing those of earlier runs once the
 * new run has one of its own ({@link dev.recsys.ingest.checkpoints.OlderRunsPruner}).
 */
package dev.recsys.ingest.checkpoints;
