package dev.recsys.index.trending;

import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.index.topics.CompactedTopicReader;
import dev.recsys.index.topics.RecordHandler;
import dev.recsys.index.topics.SkippedRecords;
import dev.recsys.ranker.json.ItemStatsJson;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.records.ItemStats;
import dev.recsys.ranker.records.ItemStatsKey;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted {@code item-stats} topic from the beginning into {@link TrendingItems}
 * ({@link CompactedTopicReader}) and refreshes the store's snapshots after every poll. It has
 * caught up once the reader reached the end offsets seen at start and the snapshots were rebuilt
 * from what it read: from then on {@link TrendingItems#top} reflects the topic.
 *
 * <p>Records that break the contract, and records of windows the store is not configured for, are
 * logged and counted, never fatal. A tombstone (null value) removes the item from its window.
 */
public final class ItemStatsConsumer implements RecordHandler, AutoCloseable {
    public static final String THREAD_NAME = "item-stats-consumer";

    /** The topic's name in docs/CONTRACTS.md. */
    public static final String DEFAULT_TOPIC = "item-stats";

    private static final Logger LOG = LoggerFactory.getLogger(ItemStatsConsumer.class);

    private final TrendingItems store;
    private final SkippedRecords invalid = new SkippedRecords(LOG);
    private final SkippedRecords unknownWindow = new SkippedRecords(LOG);
    private CompactedTopicReader reader;

    private ItemStatsConsumer(TrendingItems store) {
        this.store = store;
    }

    /** A consumer of {@code topic} on the given brokers. */
    public static ItemStatsConsumer create(KafkaSettings kafka, String topic, TrendingItems store) {
        ItemStatsConsumer consumer = new ItemStatsConsumer(store);
        consumer.reader = CompactedTopicReader.create(kafka, "index-service-item-stats", topic, consumer, THREAD_NAME);
        return consumer;
    }

    public ItemStatsConsumer start() {
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

    /** Valid records skipped because the store has no slide for their window. */
    public long unknownWindowCount() {
        return unknownWindow.count();
    }

    @Override
    public void apply(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.value() == null) {
                ItemStatsKey key = ItemStatsKey.parse(record.key());
                store.remove(key.itemId(), key.window());
                return;
            }
            ItemStats stats = ItemStatsJson.parse(new String(record.value(), StandardCharsets.UTF_8));
            if (store.offer(stats) == TrendingItems.Outcome.UNKNOWN_WINDOW) {
                unknownWindow.skip(record, "window '" + stats.window() + "' is not configured");
            }
        } catch (InvalidRecordException e) {
            invalid.skip(record, "invalid: " + e.getMessage());
        }
    }

    /** Rebuilds the snapshots when due, and at once when the reader catches up (before it says so). */
    @Override
    public void afterPoll(boolean reachedEnd) {
        long now = System.currentTimeMillis();
        if (reachedEnd) {
            store.refresh(now);
        } else {
            // Also while catching up: each rebuild drops stale records, which bounds memory.
            store.refreshIfDue(now);
        }
    }

    @Override
    public String summary() {
        return store.size() + " item counts";
    }

    /** Stops the thread and closes the Kafka consumer; waits up to ten seconds. */
    @Override
    public void close() {
        reader.close();
    }
}
