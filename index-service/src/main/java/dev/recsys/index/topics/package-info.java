/**
 * Reading the project's compacted topics into in-memory stores: {@link
 * dev.recsys.index.topics.CompactedTopicReader} reads every partition from the beginning on its own
 * thread and says when it has caught up; a {@link dev.recsys.index.topics.RecordHandler} applies
 * each record to its store.
 */
package dev.recsys.index.topics;
