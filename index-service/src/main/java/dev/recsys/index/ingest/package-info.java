/**
 * What the service sees of the stream job's intake, for the operator: the dead letters it wrote to {@code
 * interactions-dlq} ({@link dev.recsys.index.ingest.DeadLetterLog}), counted by the field at fault, the
 * latest with their reasons; and the job's own counters, duplicates among them, read from its Prometheus endpoints
 * ({@link dev.recsys.index.ingest.StreamJobMetrics}).
 */
package dev.recsys.index.ingest;
