/**
 * Load and measurement tools of the stream job, each a {@code ./recsys} command: {@link
 * dev.recsys.tools.stream.EventLoadGenerator} ({@code loadgen}) produces events at a set rate, {@link
 * dev.recsys.tools.stream.UserVectorsMonitor} ({@code ingest-monitor}) measures the job's output rate or
 * freshness on {@code user-vectors}, {@link dev.recsys.tools.stream.CheckpointSizes} ({@code
 * checkpoint-sizes}) prints a retained checkpoint's state per operator.
 */
package dev.recsys.tools.stream;
