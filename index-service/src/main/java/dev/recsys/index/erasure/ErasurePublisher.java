package dev.recsys.index.erasure;

import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.index.events.EventPublisher;
import dev.recsys.ranker.json.ErasureJson;
import dev.recsys.ranker.records.Erasure;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes erasure records to the compacted {@code erasures} topic, key = userId, value {@code {userId,
 * erasedAt}} with {@code erasedAt} = now, and waits for the brokers' acknowledgement (acks=all,
 * idempotent producer, as {@link EventPublisher}): once {@link #publish} returns, every reader of the
 * topic will erase the shopper, including this service after a restart.
 */
public final class ErasurePublisher implements AutoCloseable {
    /** How long a request waits for the acknowledgement. */
    public static final Duration SEND_TIMEOUT = EventPublisher.SEND_TIMEOUT;

    private static final Logger LOG = LoggerFactory.getLogger(ErasurePublisher.class);

    private final Producer<String, String> producer;
    private final String topic;
    private final LongSupplier clock;

    public ErasurePublisher(Producer<String, String> producer, String topic, LongSupplier clock) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
    }

    /** A publisher with its own producer on the given brokers. */
    public static ErasurePublisher create(KafkaSettings kafka, String topic) {
        return new ErasurePublisher(
                new KafkaProducer<>(EventPublisher.producerProperties(kafka, "index-service-erasures")),
                topic,
                System::currentTimeMillis);
    }

    /**
     * Records an erasure of the shopper as of now and waits until the brokers acknowledged it.
     *
     * @throws PublishException when they did not in time; nothing is known to be recorded, and
     *     trying again is safe (a repeated erasure only moves {@code erasedAt} later)
     */
    public Erasure publish(String userId) {
        Erasure erasure = new Erasure(userId, clock.getAsLong());
        try {
            RecordMetadata written = producer.send(
                            new ProducerRecord<>(topic, erasure.userId(), ErasureJson.write(erasure)))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            // The offset, not the shopper: the log says an erasure happened without naming whom.
            LOG.info("erasure recorded at {}-{}@{}", topic, written.partition(), written.offset());
            return erasure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while recording the erasure", e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.warn("could not record an erasure on {}: {}", topic, e.toString());
            throw new PublishException("the brokers did not acknowledge the erasure", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** The erasure could not be recorded; the caller may try again. */
    public static final class PublishException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
