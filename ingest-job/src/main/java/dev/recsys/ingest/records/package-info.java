/**
 * The job's own records between operators. They are Java records of Flink-serialisable fields
 * (strings, primitives, arrays, the ranker's records), so Flink serialises them as POJOs, never
 * with Kryo; the job disables generic types to keep it that way.
 */
package dev.recsys.ingest.records;
