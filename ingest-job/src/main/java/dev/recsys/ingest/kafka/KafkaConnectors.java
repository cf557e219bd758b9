package dev.recsys.ingest.kafka;

import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.ingest.records.DeadLetter;
import dev.recsys.ingest.records.UserVectorsUpdate;
import dev.recsys.ranker.json.VectorEncoding;
import dev.recsys.ranker.records.ItemStats;
import dev.recsys.ranker.records.Topics;
import java.util.Objects;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The job's real Kafka sources and sinks, built from the few settings they need (the job passes its
 * command-line flags). Tests of the pipeline use other sources and sinks; the integration test uses
 * these against a real broker.
 *
 * <p>Every source and sink gets the Kafka client properties passed with {@code --kafka-property} and
 * {@code --kafka-config} (TLS, SASL, ...), then what the connector itself must set on top: the
 * brokers, the consumer groups, the (de)serializers and where a source starts.
 *
 * @param kafka the brokers and the client properties passed through
 * @param groupId the consumer group of {@code interactions}; the other sources' groups start with it
 * @param startingOffsets where {@code interactions} is read from when there is no checkpoint
 * @param vectorEncoding how the vectors in {@code user-vectors} records are written
 */
public record KafkaConnectors(
        KafkaSettings kafka, String groupId, StartingOffsets startingOffsets, VectorEncoding vectorEncoding) {

    public KafkaConnectors {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(startingOffsets, "startingOffsets");
        Objects.requireNonNull(vectorEncoding, "vectorEncoding");
    }

    /** {@code interactions}, value only, from {@link #startingOffsets}. */
    public KafkaSource<byte[]> interactions() {
        return KafkaSource.<byte[]>builder()
                .setProperties(clientProperties(new Properties()))
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(Topics.INTERACTIONS)
                .setGroupId(groupId)
                .setClientIdPrefix(groupId + "-interactions")
                .setStartingOffsets(startingOffsets.initializer())
                .setDeserializer(new ValueBytesDeserializer())
                .build();
    }

    /**
     * {@code item-vectors}, always from the earliest offset: the topic is compacted, so reading it
     * whole rebuilds every item's latest vectors. After a restore from a checkpoint the source
     * resumes from its checkpointed offsets and the join state already holds the vectors.
     */
    public KafkaSource<byte[]> itemVectors() {
        String group = groupId + "-item-vectors";
        return KafkaSource.<byte[]>builder()
                .setProperties(clientProperties(new Properties()))
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(Topics.ITEM_VECTORS)
                .setGroupId(group)
                .setClientIdPrefix(group)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ValueBytesDeserializer())
                .build();
    }

    /**
     * {@code cf-model}, always from the earliest offset (compacted: the latest model). A restore
     * resumes from the checkpointed offsets, and the model is in broadcast state.
     */
    public KafkaSource<byte[]> cfModel() {
        String group = groupId + "-cf-model";
        return KafkaSource.<byte[]>builder()
                .setProperties(clientProperties(new Properties()))
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(Topics.CF_MODEL)
                .setGroupId(group)
                .setClientIdPrefix(group)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ValueBytesDeserializer())
                .build();
    }

    /**
     * {@code erasures}, always from the earliest offset like {@code item-vectors}: the topic is
     * compacted, so reading it whole learns every shopper's latest erasure. After a restore the
     * source resumes from its checkpointed offsets and the erasure times are in keyed state.
     */
    public KafkaSource<byte[]> erasures() {
        String group = groupId + "-erasures";
        return KafkaSource.<byte[]>builder()
                .setProperties(clientProperties(new Properties()))
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(Topics.ERASURES)
                .setGroupId(group)
                .setClientIdPrefix(group)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ValueBytesDeserializer())
                .build();
    }

    /**
     * {@code user-vectors}, keyed by userId: shoppers' vectors, and tombstones for erased shoppers.
     * At-least-once: a record may be written twice after a restart, and readers keep the record that
     * supersedes (later erasure, then higher version), so duplicates are harmless.
     */
    public KafkaSink<UserVectorsUpdate> userVectors() {
        return KafkaSink.<UserVectorsUpdate>builder()
                .setKafkaProducerConfig(clientProperties(bulkProducer()))
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(new UserVectorsSerializer(Topics.USER_VECTORS, vectorEncoding))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /**
     * One record per event: batches of 256 KiB instead of the default 16 KiB mean far fewer
     * requests for the producer and the broker at high rates, and {@code linger.ms} 20 lets a batch
     * fill (measured side by side, 20 ms gave ~25% more events/s than 5 ms); it adds at most 20 ms
     * to an update at low rates. No compression: about half of a record is a base64 vector, which
     * lz4 cannot shrink, and with the whole pipeline on two cores the producer's, the broker's and
     * every reader's lz4 work cost more than the bytes it saved (docs/BENCHMARKS.md).
     */
    private static Properties bulkProducer() {
        Properties config = new Properties();
        config.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        config.setProperty(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        return config;
    }

    /** {@code item-stats}: per-item counts over sliding windows, at-least-once (a count is a state, not a delta). */
    public KafkaSink<ItemStats> itemStats() {
        return KafkaSink.<ItemStats>builder()
                .setKafkaProducerConfig(clientProperties(new Properties()))
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(new ItemStatsSerializer(Topics.ITEM_STATS))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** {@code interactions-dlq}: every record the job rejected, with the reason. */
    public KafkaSink<DeadLetter> deadLetters() {
        return KafkaSink.<DeadLetter>builder()
                .setKafkaProducerConfig(clientProperties(new Properties()))
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(new DeadLetterSerializer(Topics.INTERACTIONS_DLQ))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /**
     * The properties every source and sink starts from: {@code project} (what the job chose for that
     * client), then the properties passed through ({@link KafkaSettings}).
     */
    Properties clientProperties(Properties project) {
        return kafka.clientProperties(project);
    }
}
