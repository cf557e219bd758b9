package dev.recsys.index.topics;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;

/** Counts records skipped for one reason and logs some of them. */
public final class SkippedRecords {
    private final Logger log;
    private final AtomicLong count = new AtomicLong();

    public SkippedRecords(Logger log) {
        this.log = log;
    }

    public long count() {
        return count.get();
    }

    /** Counts the record; logs the first ten, then every power of two, so bad data cannot flood the log. */
    public void skip(ConsumerRecord<String, ?> record, String why) {
        long n = count.incrementAndGet();
        if (n <= 10 || Long.bitCount(n) == 1) {
            log.warn(
                    "skipping record at {}-{}@{} ({} so far): {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    n,
                    why);
        }
    }
}
