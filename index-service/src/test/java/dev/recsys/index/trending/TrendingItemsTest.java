package dev.recsys.index.trending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.records.ItemStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TrendingItemsTest {
    private static final String HOUR = "PT1H";
    private static final String DAY = "P1D";
    private static final long SLIDE = Duration.ofMinutes(5).toMillis();
    private static final long T0 = 1_763_884_800_000L;

    private static ItemStats stats(String item, String window, long end, long views, long purchases) {
        return new ItemStats(item, window, end, views, 0, 0, purchases, views + purchases);
    }

    private static ItemStats hour(String item, long views) {
        return stats(item, HOUR, T0, views, 0);
    }

    private static List<String> ids(List<TrendingItem> top) {
        return top.stream().map(TrendingItem::itemId).toList();
    }

    private static List<Double> scores(List<TrendingItem> top) {
        return top.stream().map(TrendingItem::score).toList();
    }

    @Test
    void ranksByWeightedCountAndScoresAgainstTheTopItem() {
        TrendingItems trending = new TrendingItems();
        trending.offer(hour("views-10", 10)); // 10
        trending.offer(stats("purchases-2", HOUR, T0, 0, 2)); // 16
        trending.offer(new ItemStats("click-and-cart", HOUR, T0, 0, 1, 1, 0, 2)); // 2 + 4 = 6
        trending.offer(new ItemStats("only-rated", HOUR, T0, 0, 0, 0, 0, 9)); // 0: not trending
        trending.refresh(T0);

        List<TrendingItem> top = trending.top(HOUR, 10, T0);
        assertEquals(List.of("purchases-2", "views-10", "click-and-cart"), ids(top));
        assertEquals(List.of(1.0, 10 / 16.0, 6 / 16.0), scores(top));

        assertEquals(List.of("purchases-2", "views-10"), ids(trending.top(HOUR, 2, T0)));
        assertEquals(10 / 16.0, trending.top(HOUR, 2, T0).get(1).score());
    }

    @Test
    void breaksTiesByItemIdWhateverTheArrivalOrder() {
        List<String> items = new ArrayList<>(List.of("p-3", "p-1", "p-4", "p-2", "p-5"));
        Collections.shuffle(items, new Random(7));
        TrendingItems trending = new TrendingItems(Map.of(HOUR, Duration.ofMillis(SLIDE)), 3, Duration.ZERO);
        items.forEach(item -> trending.offer(hour(item, 4)));
        trending.offer(hour("p-9", 5));
        trending.refresh(T0);

        // The snapshot holds three: equal weights at its edge are cut by itemId too.
        assertEquals(List.of("p-9", "p-1", "p-2"), ids(trending.top(HOUR, 10, T0)));
        assertEquals(List.of(1.0, 0.8, 0.8), scores(trending.top(HOUR, 10, T0)));
    }

    @Test
    void leavesOutRecordsMoreThanOneSlideBehindNow() {
        TrendingItems trending = new TrendingItems();
        trending.offer(stats("old-favourite", HOUR, T0, 100, 0));
        trending.offer(stats("recent", HOUR, T0 + SLIDE, 10, 0));
        trending.refresh(T0 + SLIDE);

        assertEquals(List.of("old-favourite", "recent"), ids(trending.top(HOUR, 10, T0 + SLIDE)));
        // One millisecond more and the old record is zero; the score is relative to what is left.
        List<TrendingItem> later = trending.top(HOUR, 10, T0 + SLIDE + 1);
        assertEquals(List.of("recent"), ids(later));
        assertEquals(1.0, later.get(0).score());
        assertEquals(List.of(), trending.top(HOUR, 10, T0 + 2 * SLIDE + 1));
    }

    @Test
    void eachWindowGoesStaleAfterItsOwnSlide() {
        TrendingItems trending = new TrendingItems();
        trending.offer(stats("p-1", HOUR, T0, 5, 0));
        trending.offer(stats("p-1", DAY, T0, 50, 0));
        long halfAnHourLater = T0 + Duration.ofMinutes(30).toMillis();
        trending.refresh(halfAnHourLater);

        assertEquals(List.of(), trending.top(HOUR, 10, halfAnHourLater));
        assertEquals(List.of("p-1"), ids(trending.top(DAY, 10, halfAnHourLater)));
    }

    @Test
    void refreshDropsStaleRecords() {
        TrendingItems trending = new TrendingItems();
        trending.offer(stats("p-1", HOUR, T0, 5, 0));
        trending.offer(stats("p-2", HOUR, T0 + SLIDE, 5, 0));
        trending.refresh(T0);
        assertEquals(2, trending.size());

        trending.refresh(T0 + SLIDE + 1);
        assertEquals(1, trending.size());
    }

    @Test
    void keepsTheLatestWindowEndPerItem() {
        TrendingItems trending = new TrendingItems();
        assertEquals(TrendingItems.Outcome.APPLIED, trending.offer(stats("p-1", HOUR, T0 + SLIDE, 3, 0)));
        // A replay of an older window arriving later must not replace it.
        assertEquals(TrendingItems.Outcome.OUTDATED, trending.offer(stats("p-1", HOUR, T0, 99, 0)));
        // The same window again replaces it: a window that fired twice is more complete the second time.
        assertEquals(TrendingItems.Outcome.APPLIED, trending.offer(stats("p-1", HOUR, T0 + SLIDE, 4, 0)));
        trending.refresh(T0 + SLIDE);

        assertEquals(4, trending.top(HOUR, 1, T0 + SLIDE).get(0).stats().views());
        assertEquals(1, trending.outdatedCount());
    }

    @Test
    void aTombstoneRemovesTheItemFromItsWindowOnly() {
        TrendingItems trending = new TrendingItems();
        trending.offer(hour("p-1", 5));
        trending.offer(hour("p-2", 3));
        trending.offer(stats("p-1", DAY, T0, 50, 0));
        trending.remove("p-1", HOUR);
        trending.remove("p-1", "PT15M"); // unknown windows are ignored
        trending.refresh(T0);

        assertEquals(List.of("p-2"), ids(trending.top(HOUR, 10, T0)));
        assertEquals(1.0, trending.top(HOUR, 10, T0).get(0).score());
        assertEquals(List.of("p-1"), ids(trending.top(DAY, 10, T0)));
        assertEquals(2, trending.size());
    }

    @Test
    void keepsWindowsApart() {
        TrendingItems trending = new TrendingItems();
        trending.offer(stats("hour-hit", HOUR, T0, 0, 3)); // 24
        trending.offer(hour("steady", 10));
        trending.offer(stats("steady", DAY, T0, 400, 0));
        trending.offer(stats("hour-hit", DAY, T0, 0, 3));
        trending.refresh(T0);

        assertEquals(List.of("hour-hit", "steady"), ids(trending.top(HOUR, 10, T0)));
        assertEquals(List.of("steady", "hour-hit"), ids(trending.top(DAY, 10, T0)));
        assertEquals(List.of(1.0, 24 / 400.0), scores(trending.top(DAY, 10, T0)));
    }

    @Test
    void ignoresWindowsWithoutAConfiguredSlide() {
        TrendingItems trending = new TrendingItems();
        assertEquals(TrendingItems.Outcome.UNKNOWN_WINDOW, trending.offer(stats("p-1", "PT15M", T0, 5, 0)));
        assertEquals(1, trending.unknownWindowCount());
        assertEquals(0, trending.size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trending.top("PT15M", 10, T0));
        assertTrue(e.getMessage().contains("PT15M"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> trending.top(HOUR, 0, T0));
    }

    @Test
    void servesTheSnapshotUntilARefreshIsDue() {
        TrendingItems trending = new TrendingItems(Map.of(HOUR, Duration.ofMillis(SLIDE)), 10, Duration.ofSeconds(1));
        trending.offer(hour("p-1", 5));
        assertEquals(List.of(), trending.top(HOUR, 10, T0), "nothing is served before the first build");
        assertTrue(trending.refreshIfDue(T0));
        assertEquals(List.of("p-1"), ids(trending.top(HOUR, 10, T0)));

        trending.offer(hour("p-2", 9));
        assertFalse(trending.refreshIfDue(T0 + 999), "at most one rebuild per interval");
        assertEquals(List.of("p-1"), ids(trending.top(HOUR, 10, T0 + 999)));
        assertTrue(trending.refreshIfDue(T0 + 1_000));
        assertEquals(List.of("p-2", "p-1"), ids(trending.top(HOUR, 10, T0 + 1_000)));

        assertFalse(trending.refreshIfDue(T0 + 60_000), "nothing changed and nothing went stale");
    }

    @Test
    void rebuildsWhenASnapshotItemGoesStaleSoTheNextOneMovesUp() {
        TrendingItems trending = new TrendingItems(Map.of(HOUR, Duration.ofMillis(SLIDE)), 1, Duration.ofHours(1));
        trending.offer(stats("p-1", HOUR, T0, 10, 0));
        trending.offer(stats("p-2", HOUR, T0 + SLIDE, 5, 0));
        trending.refresh(T0);
        assertEquals(List.of("p-1"), ids(trending.top(HOUR, 10, T0)));

        long p1Stale = T0 + SLIDE + 1;
        assertEquals(List.of(), trending.top(HOUR, 10, p1Stale), "the snapshot held only p-1");
        assertFalse(trending.refreshIfDue(p1Stale - 1));
        assertTrue(trending.refreshIfDue(p1Stale));
        assertEquals(List.of("p-2"), ids(trending.top(HOUR, 10, p1Stale)));
    }

    @Test
    void theSnapshotIsTheTopOfAFullSort() {
        Random random = new Random(42);
        int snapshotSize = 100;
        TrendingItems trending = new TrendingItems(Map.of(HOUR, Duration.ofMillis(SLIDE)), snapshotSize, Duration.ZERO);
        List<ItemStats> fresh = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            boolean stale = random.nextInt(4) == 0;
            ItemStats stats = new ItemStats(
                    "p-" + i,
                    HOUR,
                    stale ? T0 - 2 * SLIDE : T0,
                    random.nextInt(50),
                    random.nextInt(10),
                    random.nextInt(5),
                    random.nextInt(3),
                    100);
            trending.offer(stats);
            if (!stale && TrendingScore.weight(stats) > 0) {
                fresh.add(stats);
            }
        }
        trending.refresh(T0);

        fresh.sort(Comparator.comparingDouble(TrendingScore::weight).reversed().thenComparing(ItemStats::itemId));
        List<String> expected =
                fresh.subList(0, snapshotSize).stream().map(ItemStats::itemId).toList();
        List<TrendingItem> top = trending.top(HOUR, 1_000, T0);
        assertEquals(expected, ids(top));
        double best = TrendingScore.weight(fresh.get(0));
        for (TrendingItem item : top) {
            assertEquals(TrendingScore.weight(item.stats()) / best, item.score(), 1e-12);
        }
    }

    @Test
    void readersSeeConsistentRankingsWhileTheStoreChanges() throws Exception {
        TrendingItems trending = new TrendingItems(Map.of(HOUR, Duration.ofMillis(SLIDE)), 50, Duration.ZERO);
        AtomicBoolean writing = new AtomicBoolean(true);
        // The writer starts once both readers run, so they read while it writes even on a busy machine.
        CountDownLatch readersRunning = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                readersRunning.await();
                Random random = new Random(3);
                for (int i = 0; i < 20_000; i++) {
                    String item = "p-" + random.nextInt(500);
                    if (random.nextInt(10) == 0) {
                        trending.remove(item, HOUR);
                    } else {
                        trending.offer(hour(item, 1 + random.nextInt(100)));
                    }
                    if (i % 100 == 0) {
                        trending.refreshIfDue(T0);
                    }
                }
                writing.set(false);
                return null;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    readersRunning.countDown();
                    int answers = 0;
                    do {
                        List<TrendingItem> top = trending.top(HOUR, 20, T0);
                        for (int i = 0; i < top.size(); i++) {
                            double score = top.get(i).score();
                            assertTrue(score > 0 && score <= 1, "score " + score);
                            assertTrue(i > 0 || score == 1.0, "the first scores 1");
                            assertTrue(i == 0 || score <= top.get(i - 1).score(), "best first");
                        }
                        answers++;
                    } while (writing.get());
                    return answers;
                }));
            }
            writer.get();
            for (Future<Integer> reader : readers) {
                assertTrue(reader.get() > 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsABadConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new TrendingItems(Map.of(), 10, Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> new TrendingItems(Map.of(HOUR, Duration.ofMillis(SLIDE)), 0, Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> new TrendingItems(Map.of(HOUR, Duration.ZERO), 10, Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> new TrendingItems(Map.of(HOUR, Duration.ofMillis(SLIDE)), 10, Duration.ofSeconds(-1)));
    }
}
