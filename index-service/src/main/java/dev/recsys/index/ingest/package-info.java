/**
 * What the service sees of the stream job's intake, for the operator: the dead letters it wrote to {@code
 * interactions-dlq} ({@link dev.recsys.index.ingest.DeadLetterLog}), counted by the field at fault, the
 * latest with their reasons.
 */
package dev.recsys.index.ingest;
