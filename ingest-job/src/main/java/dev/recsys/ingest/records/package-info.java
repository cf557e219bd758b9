/**
 * The job's own records between operators. They are Java records of Flink-serialisable fields
 * (strings, primitives, arrays, the ranker's records), so Flink serialises them as POJOs, never
 * with Kryo; the job disables generic types to keep it that way. A field may be null (the POJO
 * serialiser marks it): that is how {@link dev.recsys.ingest.records.ProfileInput} carries one of two
 * kinds of input and {@link dev.recsys.ingest.records.UserVectorsUpdate} a tombstone.
 */
package dev.recsys.ingest.records;
