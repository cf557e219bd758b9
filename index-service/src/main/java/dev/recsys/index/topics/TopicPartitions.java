package dev.recsys.index.topics;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The partitions of a topic, waited for while the broker or the topic is not there yet. */
public final class TopicPartitions {
    private static final Logger LOG = LoggerFactory.getLogger(TopicPartitions.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private TopicPartitions() {}

    /**
     * Asks every second until {@code topic} has partitions; empty once {@code running} turns false
     * or the thread is interrupted.
     */
    public static List<TopicPartition> await(Consumer<?, ?> consumer, String topic, BooleanSupplier running) {
        while (running.getAsBoolean()) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition()))
                            .toList();
                }
            } catch (TimeoutException e) {
                // The broker is not there yet; keep asking.
            }
            LOG.warn("topic {} not found yet on the brokers; retrying", topic);
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }
}
