package dev.recsys.index;

import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.ItemVectorPublisher;
import dev.recsys.index.cf.CfModelPublisher;
import dev.recsys.index.events.EventPublisher;
import dev.recsys.index.generations.CatalogLease;
import dev.recsys.index.generations.GenerationStore;
import dev.recsys.index.generations.LiveCatalog;
import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.records.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a catalog generation to the stream job: its item vectors to {@code item-vectors}, then its CF
 * model to {@code cf-model}. Used once per swap by the reindexer and, at start-up, for the live generation
 * with retries, since the service serves (and says it is not ready) while the brokers are away.
 */
final class GenerationPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationPublisher.class);

    private final KafkaSettings kafka;
    private final GenerationStore generations;
    private final LiveCatalog live;
    private final BooleanSupplier closed;
    private volatile boolean published;

    /** @param closed whether the service is closing, which ends the retries */
    GenerationPublisher(KafkaSettings kafka, GenerationStore generations, LiveCatalog live, BooleanSupplier closed) {
        this.kafka = kafka;
        this.generations = generations;
        this.live = live;
        this.closed = closed;
    }

    /**
     * Publishes a generation's item vectors once, then its CF model if it has one (a reindex reports a
     * failure in its job). The model goes last so the stream job never holds a model whose factors are
     * not yet in {@code item-vectors}.
     */
    long publishOnce(CatalogIndex index, LongConsumer progress) {
        try (Producer<String, String> producer =
                new KafkaProducer<>(EventPublisher.producerProperties(kafka, "index-service-item-vectors"))) {
            int count = ItemVectorPublisher.publish(index, producer, Topics.ITEM_VECTORS, progress);
            LOG.info("published {} item vectors of generation {}", count, index.generation());
            Optional<CfModel> model = generations.cfModel(index.generation());
            if (model.isPresent()) {
                CfModelPublisher.publish(model.get(), producer, Topics.CF_MODEL, Topics.CF_MODEL_KEY);
                LOG.info(
                        "published the CF model of generation {} ({} factors)",
                        index.generation(),
                        model.get().factors());
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CF model of generation " + index.generation(), e);
        }
    }

    /**
     * Publishes the live generation's item vectors, retrying until it succeeds or the service closes:
     * the service serves (and says it is not ready) while the brokers are away, instead of dying.
     */
    void publishLive() {
        long pauseMillis = 1_000;
        while (!closed.getAsBoolean()) {
            try (CatalogLease lease = live.acquire()) {
                publishOnce(lease.index(), sent -> {});
                published = true;
                return;
            } catch (RuntimeException e) {
                if (closed.getAsBoolean()) {
                    return;
                }
                LOG.warn("could not publish item vectors (retrying in {} ms): {}", pauseMillis, e.toString());
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
            pauseMillis = Math.min(30_000, pauseMillis * 2);
        }
    }

    /** Whether {@link #publishLive} has succeeded. */
    boolean published() {
        return published;
    }
}
