package dev.recsys.index.catalog;

import dev.recsys.ranker.json.ItemVectorsJson;
import dev.recsys.ranker.records.ItemVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes the content vector of every catalog item, and its CF factor when the generation has one, to
 * the compacted {@code item-vectors} topic (key = itemId), where the stream job picks them up to update
 * shopper profiles. Run after a (re)index: the records carry the index generation so consumers can tell
 * old vectors from new, and fold shoppers only with factors of their CF model's generation.
 */
public final class ItemVectorPublisher {
    private ItemVectorPublisher() {}

    /**
     * Sends {@code ItemVectors(itemId, generation, content, cf)} ({@code cf} null for items without one) as JSON for every item of {@code index},
     * flushes, and waits until every record is acknowledged.
     *
     * @return the number of records sent
     * @throws IllegalStateException if a send failed (the cause is the producer's exception)
     */
    public static int publish(CatalogIndex index, Producer<String, String> producer, String topic) {
        return publish(index, producer, topic, sent -> {});
    }

    /**
     * {@link #publish(CatalogIndex, Producer, String)}, telling {@code progress} the number of records sent
     * so far every 1,000 records and at the end.
     */
    public static int publish(
            CatalogIndex index, Producer<String, String> producer, String topic, LongConsumer progress) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(topic, "topic");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        long generation = index.generation();
        boolean hasCf = index.cfDimension() > 0;
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        index.forEach((item, content) -> {
            float[] cf = hasCf ? index.cfVector(item.itemId()) : null;
            String value = ItemVectorsJson.write(new ItemVectors(item.itemId(), generation, content, cf));
            sends.add(producer.send(new ProducerRecord<>(topic, item.itemId(), value)));
            if (sends.size() % 1_000 == 0) {
                progress.accept(sends.size());
            }
        });
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("publishing item vectors to " + topic + " failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing item vectors to " + topic, e);
            }
        }
        progress.accept(sends.size());
        return sends.size();
    }
}
