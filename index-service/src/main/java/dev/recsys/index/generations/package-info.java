/**
 * Catalog generations and zero-downtime reindexing.
 *
 * <p>{@link dev.recsys.index.generations.GenerationStore} owns the directories ({@code
 * <data>/index/gen-<n>}, a READY marker per complete generation, atomically replaced CURRENT and
 * PREVIOUS pointers). {@link dev.recsys.index.generations.LiveCatalog} is the one place queries get the
 * serving generation from, as a reference-counted {@link dev.recsys.index.generations.CatalogLease}, so a
 * swap never disturbs a query in flight. {@link dev.recsys.index.generations.CatalogTopicFollower} applies
 * the {@code catalog} topic to the live generation in near real time and records the applied offsets in
 * its Lucene commit. {@link dev.recsys.index.generations.Reindexer} runs one {@link
 * dev.recsys.index.generations.ReindexJob} at a time: fit, index, validate, catch up with the topic, swap,
 * publish item vectors; and rolls back to PREVIOUS the same way.
 *
 * <p>Compared with an Elasticsearch alias swap after {@code _reindex}, where writes made to the old index
 * during the copy are lost (or deletes come back) unless the client double-writes, the catch-up here
 * replays exactly the topic records the new generation has not seen, under a short pause of the
 * follower, so updates and deletes made during a rebuild survive the swap. Like Vespa's background
 * reindexing the service keeps serving throughout; unlike it, a full rebuild gets a new directory, so a
 * rollback is a pointer swap plus a catch-up.
 */
package dev.recsys.index.generations;
