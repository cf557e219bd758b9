package dev.recsys.index.topics;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What a {@link CompactedTopicReader} does with the records of its topic, on its thread. */
public interface RecordHandler {
    /** Applies one record; a null value is a tombstone. Must not throw for a bad record. */
    void apply(ConsumerRecord<String, byte[]> record);

    /**
     * Called after every poll. {@code reachedEnd} is true once, after the poll that took the reader
     * to the end offsets seen at start; the reader reports caught up only after this returns.
     */
    default void afterPoll(boolean reachedEnd) {}

    /** What the store holds, for the log line when the reader catches up (e.g. "120 shoppers"). */
    default String summary() {
        return "";
    }
}
