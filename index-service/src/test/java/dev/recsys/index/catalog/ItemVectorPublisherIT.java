package dev.recsys.index.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.ranker.json.ItemVectorsJson;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.ItemVectors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Publishes a small catalog's vectors through a real Kafka broker and reads them back. */
class ItemVectorPublisherIT {
    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void publishesOneRecordPerItemKeyedByItemIdWithTheGeneration() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(120, 9);
        String topic = "item-vectors-publisher-test";
        kafka.createTopic(topic, 2, true);
        try (CatalogIndex index =
                        CatalogIndex.build(dir.resolve("gen-4"), items, HashedNgramEmbedder.fitCatalog(items, 32), 4);
                Producer<String, String> producer = new KafkaProducer<>(kafka.producerProperties())) {
            assertEquals(120, ItemVectorPublisher.publish(index, producer, topic));

            List<ConsumerRecord<String, String>> records = kafka.consume(topic, 120, Duration.ofSeconds(60));
            assertEquals(120, records.size());
            Map<String, ItemVectors> byId = new HashMap<>();
            for (ConsumerRecord<String, String> record : records) {
                ItemVectors vectors = ItemVectorsJson.parse(record.value());
                assertEquals(record.key(), vectors.itemId());
                byId.put(vectors.itemId(), vectors);
            }
            assertEquals(120, byId.size());
            ItemVectors first = byId.get(items.get(0).itemId());
            assertEquals(4, first.generation());
            assertNull(first.cf());
            assertArrayEquals(index.contentVector(items.get(0).itemId()), first.content());

            assertThrows(IllegalArgumentException.class, () -> ItemVectorPublisher.publish(index, producer, " "));
        }
    }
}
