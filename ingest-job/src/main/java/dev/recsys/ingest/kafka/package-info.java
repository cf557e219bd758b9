/**
 * How the job meets Kafka: topic names, the real sources and sinks, and the (de)serialisers
 * between Kafka records and the job's types. Values are read as raw bytes and decoded by the
 * parsing operators, so undecodable input can be dead-lettered instead of failing the job.
 */
package dev.recsys.ingest.kafka;
