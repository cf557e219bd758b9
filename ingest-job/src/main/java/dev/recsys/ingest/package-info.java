/**
 * The Flink streaming job that keeps shoppers' vectors up to date: {@link
 * dev.recsys.ingest.IngestJob} is the pipeline, {@link dev.recsys.ingest.IngestJobMain} the entry
 * point (embedded MiniCluster or {@code flink run}), {@link dev.recsys.ingest.IngestCommand} its
 * flags and {@link dev.recsys.ingest.IngestJobOptions} their checked values.
 */
package dev.recsys.ingest;
