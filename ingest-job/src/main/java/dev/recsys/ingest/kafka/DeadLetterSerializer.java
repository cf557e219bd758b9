package dev.recsys.ingest.kafka;

import dev.recsys.ingest.records.DeadLetter;
import dev.recsys.ranker.json.DeadLetterJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a rejected record as {@link DeadLetterJson}, keyed by the shopper when known. */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        byte[] key = letter.key() == null ? null : letter.key().getBytes(StandardCharsets.UTF_8);
        String value = DeadLetterJson.write(letter.raw(), letter.field(), letter.reason(), letter.rejectedAt());
        return new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }
}
