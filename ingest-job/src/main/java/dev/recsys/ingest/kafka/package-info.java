/**
 * How the job meets Kafka: the real sources and sinks, and the (de)serialisers between Kafka records
 * and the job's types (topic names are {@link dev.recsys.ranker.records.Topics}). Values are read as
 * raw bytes and decoded by the parsing operators, so undecodable input can be dead-lettered instead
 * of failing the job.
 */
package dev.recsys.ingest.kafka;
