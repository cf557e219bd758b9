package dev.recsys.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.recsys.ingest.records.DeadLetter;
import dev.recsys.ingest.records.UserVectorsUpdate;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.json.VectorEncoding;
import dev.recsys.ranker.records.ItemStats;
import dev.recsys.ranker.records.Topics;
import dev.recsys.ranker.records.UserVectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaRecordsTest {

    private static List<byte[]> deserialize(byte[] value) {
        List<byte[]> out = new ArrayList<>();
        new ValueBytesDeserializer()
                .deserialize(new ConsumerRecord<>(Topics.INTERACTIONS, 0, 0, null, value), new Collector<>() {
                    @Override
                    public void collect(byte[] record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {}
                });
        return out;
    }

    @Test
    void valueIsHandedOnAsItsBytes() {
        byte[] value = {1, 2, (byte) 0xFF};

        assertArrayEquals(value, deserialize(value).get(0));
    }

    @Test
    void nullValueBecomesAnEmptyRecordInsteadOfVanishing() {
        List<byte[]> out = deserialize(null);

        assertEquals(1, out.size());
        assertEquals(0, out.get(0).length);
    }

    @Test
    void userVectorsAreKeyedByUserIdWithTheJsonValueInEitherVectorEncoding() {
        float[] content = {0.1f, -0.3f, 1e-7f, 0.95f};
        UserVectors user = new UserVectors("u1", 3, 10, 9, content, content, List.of(), Map.of("view", 3L));

        for (VectorEncoding encoding : VectorEncoding.values()) {
            ProducerRecord<byte[], byte[]> record = new UserVectorsSerializer(Topics.USER_VECTORS, encoding)
                    .serialize(UserVectorsUpdate.of(user), null, null);

            assertEquals(Topics.USER_VECTORS, record.topic());
            assertEquals("u1", new String(record.key(), StandardCharsets.UTF_8));
            String json = new String(record.value(), StandardCharsets.UTF_8);
            assertEquals(encoding == VectorEncoding.BASE64, json.contains("\"content\":\""), json);
            UserVectors read = UserVectorsJson.parse(json);
            assertEquals(3, read.version());
            assertEquals(Map.of("view", 3L), read.counts());
            assertArrayEquals(content, read.content(), encoding.name());
            assertArrayEquals(content, read.cf(), encoding.name());
        }
    }

    @Test
    void userVectorsAfterAnErasureCarryErasedUpTo() {
        UserVectors user = new UserVectors("u1", 1, 10, 9, new float[] {1, 0}, null, List.of(), Map.of("view", 1L))
                .withErasedUpTo(8);

        ProducerRecord<byte[], byte[]> record = new UserVectorsSerializer(Topics.USER_VECTORS, VectorEncoding.BASE64)
                .serialize(UserVectorsUpdate.of(user), null, null);

        assertEquals(
                8,
                UserVectorsJson.parse(new String(record.value(), StandardCharsets.UTF_8))
                        .erasedUpTo());
    }

    @Test
    void anErasedShoppersTombstoneIsTheirKeyWithANullValue() {
        ProducerRecord<byte[], byte[]> record = new UserVectorsSerializer(Topics.USER_VECTORS, VectorEncoding.BASE64)
                .serialize(UserVectorsUpdate.tombstone("u1"), null, null);

        assertEquals(Topics.USER_VECTORS, record.topic());
        assertEquals("u1", new String(record.key(), StandardCharsets.UTF_8));
        assertNull(record.value());
    }

    @Test
    void deadLetterWithoutAShopperHasNoKey() {
        DeadLetter letter = new DeadLetter(null, "oops", null, "malformed JSON: x", 42);

        ProducerRecord<byte[], byte[]> record =
                new DeadLetterSerializer(Topics.INTERACTIONS_DLQ).serialize(letter, null, null);

        assertNull(record.key());
        var value = Json.parseObject(new String(record.value(), StandardCharsets.UTF_8));
        assertEquals("oops", value.get("raw").asText());
        assertEquals("malformed JSON: x", value.get("reason").asText());
        assertEquals(42, value.get("rejectedAt").asLong());
        assertNull(value.get("field"));
    }

    @Test
    void deadLetterOfAKnownShopperIsKeyedByThem() {
        DeadLetter letter = new DeadLetter("u7", "{}", "itemId", "unknown item x", 42);

        ProducerRecord<byte[], byte[]> record =
                new DeadLetterSerializer(Topics.INTERACTIONS_DLQ).serialize(letter, null, null);

        assertEquals("u7", new String(record.key(), StandardCharsets.UTF_8));
        assertEquals(
                "itemId",
                Json.parseObject(new String(record.value(), StandardCharsets.UTF_8))
                        .get("field")
                        .asText());
    }

    @Test
    void itemStatsAreKeyedByItemAndWindowWithTheDocumentedFields() {
        ItemStats stats = new ItemStats("p-1", "PT1H", 1_735_693_200_000L, 5, 3, 2, 1, 12);

        ProducerRecord<byte[], byte[]> record = new ItemStatsSerializer(Topics.ITEM_STATS).serialize(stats, null, null);

        assertEquals(Topics.ITEM_STATS, record.topic());
        assertEquals("p-1|PT1H", new String(record.key(), StandardCharsets.UTF_8));
        var node = Json.parseObject(new String(record.value(), StandardCharsets.UTF_8));
        assertEquals("p-1", node.get("itemId").asText());
        assertEquals("PT1H", node.get("window").asText());
        assertEquals(1_735_693_200_000L, node.get("windowEnd").asLong());
        assertEquals(5, node.get("views").asLong());
        assertEquals(3, node.get("clicks").asLong());
        assertEquals(2, node.get("carts").asLong());
        assertEquals(1, node.get("purchases").asLong());
        assertEquals(12, node.get("total").asLong());
    }
}
