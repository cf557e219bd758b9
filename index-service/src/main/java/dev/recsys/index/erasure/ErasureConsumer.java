package dev.recsys.index.erasure;

import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.index.topics.CompactedTopicReader;
import dev.recsys.index.topics.RecordHandler;
import dev.recsys.index.topics.SkippedRecords;
import dev.recsys.index.users.UserVectorStore;
import dev.recsys.ranker.json.ErasureJson;
import dev.recsys.ranker.records.Erasure;
import dev.recsys.ranker.records.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted {@code erasures} topic from the beginning into the {@link UserVectorStore}
 * ({@link CompactedTopicReader}) and follows it: erasures requested on other replicas reach this one,
 * and a restarted service knows every erasure again.
 *
 * <p>Once it has caught up it runs {@code onCaughtUp} (on its thread, before reporting caught up):
 * the service starts reading {@code user-vectors} only then, so no record of an erased shopper from
 * before the erasure is applied, not even for a moment during start-up.
 *
 * <p>A record that breaks the contract, whose key is not its userId, or a tombstone (an erasure cannot
 * be withdrawn: the data is gone) is logged by its offset, counted and skipped.
 */
public final class ErasureConsumer implements RecordHandler, AutoCloseable {
    public static final String THREAD_NAME = "erasures-consumer";

    private static final Logger LOG = LoggerFactory.getLogger(ErasureConsumer.class);

    private final UserVectorStore store;
    private final Runnable onCaughtUp;
    private final SkippedRecords invalid = new SkippedRecords(LOG);
    private CompactedTopicReader reader;

    private ErasureConsumer(UserVectorStore store, Runnable onCaughtUp) {
        this.store = store;
        this.onCaughtUp = onCaughtUp;
    }

    /** A consumer of {@code topic} on the given brokers that runs {@code onCaughtUp} once it caught up. */
    public static ErasureConsumer create(
            KafkaSettings kafka, String topic, UserVectorStore store, Runnable onCaughtUp) {
        ErasureConsumer consumer = new ErasureConsumer(store, onCaughtUp);
        consumer.reader = CompactedTopicReader.create(kafka, "index-service-erasures", topic, consumer, THREAD_NAME);
        return consumer;
    }

    public ErasureConsumer start() {
        reader.start();
        return this;
    }

    /** Whether every erasure that was in the topic when reading started has been applied. */
    public boolean caughtUp() {
        return reader.caughtUp();
    }

    /** Why the consumer stopped on its own, or {@code null} while it runs. */
    public String failure() {
        return reader.failure();
    }

    /** Records skipped: malformed, keyed by another shopper, or tombstones. */
    public long invalidCount() {
        return invalid.count();
    }

    @Override
    public void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            invalid.skip(record, "a tombstone: an erasure cannot be withdrawn");
            return;
        }
        Erasure erasure;
        try {
            erasure = ErasureJson.parse(new String(record.value(), StandardCharsets.UTF_8));
        } catch (InvalidRecordException e) {
            invalid.skip(record, "invalid: " + e.getMessage());
            return;
        }
        if (!erasure.userId().equals(record.key())) {
            invalid.skip(record, "the key is not the record's userId");
            return;
        }
        store.erase(erasure);
    }

    @Override
    public void afterPoll(boolean reachedEnd) {
        if (reachedEnd) {
            onCaughtUp.run();
        }
    }

    @Override
    public String summary() {
        return store.erasureCount() + " erased shoppers";
    }

    /** Stops the thread and closes the Kafka consumer; waits up to ten seconds. */
    @Override
    public void close() {
        reader.close();
    }
}
