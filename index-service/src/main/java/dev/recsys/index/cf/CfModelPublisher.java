package dev.recsys.index.cf;

import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.json.CfModelJson;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a generation's CF model to the compacted {@code cf-model} topic and waits for the broker. Send it
 * after the generation's item vectors: the stream job then switches to the model when the factors it
 * refers to are already there, instead of folding shoppers into a model whose factors are on the way.
 */
public final class CfModelPublisher {
    private CfModelPublisher() {}

    /** @throws IllegalStateException if the broker did not acknowledge the record */
    public static void publish(CfModel model, Producer<String, String> producer, String topic, String key) {
        try {
            producer.send(new ProducerRecord<>(topic, key, CfModelJson.write(model)))
                    .get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing the CF model to " + topic + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the CF model to " + topic, e);
        }
    }
}
