package dev.recsys.ingest.kafka;

import dev.recsys.ranker.json.ItemStatsJson;
import dev.recsys.ranker.records.ItemStats;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes an item's window counts keyed by {@code <itemId>|<window>}, so the compacted topic keeps
 * the latest count of every item in every window (keyed by itemId alone, compaction would keep only
 * whichever window fired last).
 */
public final class ItemStatsSerializer implements KafkaRecordSerializationSchema<ItemStats> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    public ItemStatsSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(ItemStats stats, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                stats.key().getBytes(StandardCharsets.UTF_8),
                ItemStatsJson.write(stats).getBytes(StandardCharsets.UTF_8));
    }
}
