package dev.recsys.index.trending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.ranker.json.ItemStatsJson;
import dev.recsys.ranker.records.ItemStats;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The consumer against a real broker: records produced before and after it starts. */
class ItemStatsConsumerIT {
    private static final String TOPIC = ItemStatsConsumer.DEFAULT_TOPIC;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    private static void produce(ItemStats stats) {
        kafka.produce(TOPIC, stats.key(), ItemStatsJson.write(stats));
    }

    private static List<String> top(TrendingItems trending, String window) {
        return trending.top(window, 10, System.currentTimeMillis()).stream()
                .map(TrendingItem::itemId)
                .toList();
    }

    private static void await(String what, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE + ": " + what + "; " + state.get());
            }
            Thread.sleep(100);
        }
    }

    @Test
    void readsTheTopicSkipsBadRecordsAndFollowsNewOnes() throws Exception {
        // Windows that end now stay fresh for a slide (5 minutes, 1 hour): far longer than the test.
        long end = System.currentTimeMillis();
        produce(new ItemStats("p-a", "PT1H", end, 10, 0, 0, 0, 10)); // weight 10
        produce(new ItemStats("p-b", "PT1H", end, 0, 0, 0, 2, 2)); // 16
        produce(new ItemStats("p-c", "PT1H", end, 0, 3, 0, 0, 3)); // 6, then deleted
        kafka.produce(TOPIC, "p-x|PT1H", "not json");
        kafka.produce(
                TOPIC,
                "p-y|PT1H",
                ItemStatsJson.write(new ItemStats("p-y", "PT1H", end, 1, 0, 0, 0, 1))
                        .replace("\"views\":1", "\"views\":-1"));
        kafka.produce(TOPIC, "p-c|PT1H", null);
        produce(new ItemStats("p-a", "P1D", end, 100, 0, 0, 0, 100));
        produce(new ItemStats("p-d", "P1D", end, 0, 0, 1, 0, 1)); // 4
        produce(new ItemStats("p-stale", "PT1H", end - Duration.ofHours(1).toMillis(), 1_000, 0, 0, 0, 1_000));
        produce(new ItemStats("p-f", "PT15M", end, 5, 0, 0, 0, 5));

        TrendingItems trending = new TrendingItems();
        try (ItemStatsConsumer consumer = ItemStatsConsumer.create(
                        KafkaSettings.of(kafka.bootstrapServers()), TOPIC, trending)
                .start()) {
            await("caught up", consumer::caughtUp, () -> "failure " + consumer.failure());

            assertEquals(List.of("p-b", "p-a"), top(trending, "PT1H"));
            assertEquals(
                    List.of(1.0, 10 / 16.0),
                    trending.top("PT1H", 10, System.currentTimeMillis()).stream()
                            .map(TrendingItem::score)
                            .toList());
            assertEquals(List.of("p-a", "p-d"), top(trending, "P1D"));
            assertEquals(2, consumer.invalidCount());
            assertEquals(1, consumer.unknownWindowCount());

            produce(new ItemStats("p-c", "PT1H", end, 0, 0, 0, 5, 5)); // 40: the new top
            await(
                    "p-c on top",
                    () -> top(trending, "PT1H").equals(List.of("p-c", "p-b", "p-a")),
                    () -> "top " + top(trending, "PT1H"));
            kafka.produce(TOPIC, "p-b|PT1H", null);
            await(
                    "p-b removed",
                    () -> top(trending, "PT1H").equals(List.of("p-c", "p-a")),
                    () -> "top " + top(trending, "PT1H"));
            assertEquals(
                    0.25,
                    trending.top("PT1H", 2, System.currentTimeMillis()).get(1).score());
            assertNull(consumer.failure());
        }
    }
}
