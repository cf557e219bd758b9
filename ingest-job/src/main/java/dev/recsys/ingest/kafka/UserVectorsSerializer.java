package dev.recsys.ingest.kafka;

import dev.recsys.ingest.records.UserVectorsUpdate;
import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.json.VectorEncoding;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a shopper's vectors keyed by userId, so the compacted topic keeps the latest per shopper;
 * an erased shopper's tombstone as a null value, so compaction removes everything before it.
 */
public final class UserVectorsSerializer implements KafkaRecordSerializationSchema<UserVectorsUpdate> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final VectorEncoding vectors;
    /** Reuses its buffers from record to record; made on first use, on the sink's thread. */
    private transient UserVectorsJson.Writer writer;

    public UserVectorsSerializer(String topic, VectorEncoding vectors) {
        this.topic = topic;
        this.vectors = vectors;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            UserVectorsUpdate update, KafkaSinkContext context, Long timestamp) {
        byte[] key = update.userId().getBytes(StandardCharsets.UTF_8);
        if (update.isTombstone()) {
            return new ProducerRecord<>(topic, key, null);
        }
        if (writer == null) {
            writer = new UserVectorsJson.Writer(vectors);
        }
        return new ProducerRecord<>(topic, key, writer.write(update.vectors()));
    }
}
