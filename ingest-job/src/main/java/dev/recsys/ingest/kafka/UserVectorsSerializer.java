package dev.recsys.ingest.kafka;

import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.json.VectorEncoding;
import dev.recsys.ranker.records.UserVectors;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a shopper's vectors keyed by userId, so the compacted topic keeps the latest per shopper. */
public final class UserVectorsSerializer implements KafkaRecordSerializationSchema<UserVectors> {
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
    public ProducerRecord<byte[], byte[]> serialize(UserVectors user, KafkaSinkContext context, Long timestamp) {
        if (writer == null) {
            writer = new UserVectorsJson.Writer(vectors);
        }
        return new ProducerRecord<>(topic, user.userId().getBytes(StandardCharsets.UTF_8), writer.write(user));
    }
}
