package dev.recsys.ingest.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ingest.records.ItemStats;
import dev.recsys.ranker.json.Json;
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

    /** The JSON value, as documented in docs/CONTRACTS.md. */
    public static String write(ItemStats stats) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("itemId", stats.itemId());
        node.put("window", stats.window());
        node.put("windowEnd", stats.windowEnd());
        node.put("views", stats.views());
        node.put("clicks", stats.clicks());
        node.put("carts", stats.carts());
        node.put("purchases", stats.purchases());
        node.put("total", stats.total());
        return Json.write(node);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(ItemStats stats, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                stats.key().getBytes(StandardCharsets.UTF_8),
                write(stats).getBytes(StandardCharsets.UTF_8));
    }
}
