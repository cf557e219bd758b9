package dev.recsys.index.users;

import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.index.topics.CompactedTopicReader;
import dev.recsys.index.topics.RecordHandler;
import dev.recsys.index.topics.SkippedRecords;
import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.records.UserVectors;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted {@code user-vectors} topic from the beginning into a {@link UserVectorStore}
 * ({@link CompactedTopicReader}). Until it has caught up the service answers {@code /readyz} with
 * 503, because a feed served earlier would treat known shoppers as cold-start ones.
 *
 * <p>Records that break the contract are logged and counted, never fatal. A tombstone (null value),
 * which the stream job writes when it erases a shopper, removes the shopper. Which records of an
 * erased shopper are accepted is the store's decision ({@link UserVectorStore#erase}); the service
 * starts this consumer only once it knows every erasure.
 */
public final class UserVectorConsumer implements RecordHandler, AutoCloseable {
    public static final String THREAD_NAME = "user-vectors-consumer";

    private static final Logger LOG = LoggerFactory.getLogger(UserVectorConsumer.class);

    private final UserVectorStore store;
    private final LongConsumer freshness;
    private final SkippedRecords invalid = new SkippedRecords(LOG);
    private CompactedTopicReader reader;

    private UserVectorConsumer(UserVectorStore store, LongConsumer freshness) {
        this.store = store;
        this.freshness = freshness;
    }

    /**
     * A consumer of {@code topic} on the given brokers, telling {@code freshness} the milliseconds from each
     * applied record's event to now, once caught up.
     */
    public static UserVectorConsumer create(
            KafkaSettings kafka, String topic, UserVectorStore store, LongConsumer freshness) {
        UserVectorConsumer consumer = new UserVectorConsumer(store, freshness);
        consumer.reader =
                CompactedTopicReader.create(kafka, "index-service-user-vectors", topic, consumer, THREAD_NAME);
        return consumer;
    }

    public UserVectorConsumer start() {
        reader.start();
        return this;
    }

    /** Whether the store holds at least everything that was in the topic when consuming started. */
    public boolean caughtUp() {
        return reader.caughtUp();
    }

    /** Why the consumer stopped on its own, or {@code null} while it runs. */
    public String failure() {
        return reader.failure();
    }

    /** Records that could not be parsed or broke the contract. */
    public long invalidCount() {
        return invalid.count();
    }

    @Override
    public void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                store.remove(record.key());
            }
            return;
        }
        try {
            UserVectors vectors = UserVectorsJson.parse(record.value());
            if (store.offer(vectors, record.value()) && reader.caughtUp() && vectors.eventTs() > 0) {
                freshness.accept(System.currentTimeMillis() - vectors.eventTs());
            }
        } catch (InvalidRecordException e) {
            invalid.skip(record, "invalid: " + e.getMessage());
        }
    }

    @Override
    public String summary() {
        return store.size() + " shoppers";
    }

    /** Stops the thread and closes the Kafka consumer; waits up to ten seconds. */
    @Override
    public void close() {
        reader.close();
    }
}
