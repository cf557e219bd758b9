package dev.recsys.index.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.index.generations.LiveCatalog;
import dev.recsys.index.neighbours.NeighbourFile;
import dev.recsys.index.neighbours.NeighbourLists;
import dev.recsys.index.trending.TrendingItems;
import dev.recsys.index.users.UserVectorStore;
import dev.recsys.ranker.rank.BlendWeights;
import dev.recsys.ranker.rank.ScoreSource;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.UserVectors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed's recent-item neighbours on a real Lucene generation with a hand-made neighbour file. The
 * shopper has no content direction and no CF factor, so every personal candidate comes from this source.
 */
class FeedServiceRecentNeighboursTest {
    private static final long NOW = SampleCatalog.REFERENCE_TIME.toEpochMilli();

    @TempDir
    static Path dir;

    private static CatalogIndex index;
    private static UserVectorStore users;
    private static FeedService feeds;
    /** a, x, e, r: the shopper's recent items; b, c, d: neighbours; out: an out-of-stock neighbour. */
    private static String a, x, e, r, b, c, d, out;

    @BeforeAll
    static void build() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(300, 5);
        index = CatalogIndex.build(
                dir.resolve("gen-1"),
                items,
                HashedNgramEmbedder.fitCatalog(items, HashedNgramEmbedder.DEFAULT_DIMENSION),
                1);
        List<String> inStock = items.stream()
                .filter(CatalogItem::inStock)
                .map(CatalogItem::itemId)
                .toList();
        a = inStock.get(0);
        x = inStock.get(1);
        e = inStock.get(2);
        r = inStock.get(3);
        b = inStock.get(4);
        c = inStock.get(5);
        d = inStock.get(6);
        out = items.stream()
                .filter(i -> !i.inStock())
                .map(CatalogItem::itemId)
                .findFirst()
                .orElseThrow();
        NeighbourLists lists = new NeighbourLists();
        lists.add(a, List.of(b, out, r, c), new float[] {0.9f, 0.8f, 0.7f, 0.3f});
        lists.add(x, List.of(d), new float[] {0.95f});
        lists.add(e, List.of(c), new float[] {0.5f});
        lists.writeTo(index.path().resolve(NeighbourFile.FILE_NAME));

        users = new UserVectorStore();
        users.offer(new UserVectors(
                "recent",
                3,
                NOW,
                NOW,
                new float[index.dimension()],
                null,
                List.of(
                        new RecentInteraction(a, EventType.VIEW, NOW),
                        new RecentInteraction(x, EventType.DISLIKE, NOW - 1),
                        new RecentInteraction(e, EventType.PURCHASE, NOW - 2),
                        new RecentInteraction(r, EventType.VIEW, NOW - 3)),
                Map.of()));
        feeds = new FeedService(LiveCatalog.of(index), users, new TrendingItems(), FeedConfig.defaults(), () -> NOW);
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    private static Feed feed(FeedService service, Set<String> exclude) {
        return service.feed(new FeedRequest("recent", 30, null, exclude, true, BlendWeights.defaults()));
    }

    private static Map<String, ResultItem> fromRecent(Feed feed) {
        return feed.items().stream()
                .filter(i -> i.ranked().origins().contains(FeedService.ORIGIN_RECENT))
                .collect(Collectors.toMap(i -> i.item().itemId(), i -> i));
    }

    @Test
    void neighboursOfTheRecentItemsAreProposedScoredAndExplained() {
        Feed feed = feed(feeds, Set.of());

        assertFalse(feed.coldStart(), "recent items with neighbours personalise");
        Map<String, ResultItem> proposed = fromRecent(feed);
        // out of stock, already in the recent list, or only a disliked item's neighbour: not proposed.
        assertEquals(Set.of(b, c), proposed.keySet());
        ResultItem fromA = proposed.get(b);
        assertTrue(fromA.ranked().scoreParts().containsKey(ScoreSource.RECENT));
        assertEquals(List.of(a), fromA.because().stream().map(Because::itemId).toList());
        assertEquals(EventType.VIEW, fromA.because().getFirst().type());
        assertEquals(0.9, fromA.because().getFirst().similarity(), 1e-6);
        // c: a (position 0) gives 0.3; e (purchase, position 2) is more similar (0.5) but gives only
        // 2^(-2/1)·0.5 = 0.125 at the default half-life of one position, so a explains first.
        assertEquals(
                List.of(a, e),
                proposed.get(c).because().stream().map(Because::itemId).toList());
        assertTrue(fromA.ranked().scoreParts().get(ScoreSource.RECENT)
                > proposed.get(c).ranked().scoreParts().get(ScoreSource.RECENT));
    }

    @Test
    void excludedItemsAreNotProposedAndTheCountIsConfigurable() {
        assertEquals(Set.of(c), fromRecent(feed(feeds, Set.of(b))).keySet());

        FeedService one = new FeedService(
                LiveCatalog.of(index),
                users,
                new TrendingItems(),
                FeedConfig.defaults().withRecentNeighbours(1, FeedConfig.DEFAULT_RECENT_HALF_LIFE),
                () -> NOW);
        assertEquals(Set.of(b), fromRecent(feed(one, Set.of())).keySet());
    }

    @Test
    void aGenerationWithoutNeighbourListsLeavesTheShopperColdStart() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(300, 5);
        try (CatalogIndex plain = CatalogIndex.build(
                dir.resolve("gen-2"),
                items,
                HashedNgramEmbedder.fitCatalog(items, HashedNgramEmbedder.DEFAULT_DIMENSION),
                2)) {
            FeedService service = new FeedService(
                    LiveCatalog.of(plain), users, new TrendingItems(), FeedConfig.defaults(), () -> NOW);
            Feed feed = feed(service, Set.of());
            assertTrue(feed.coldStart());
            assertEquals(Optional.empty(), fromRecent(feed).keySet().stream().findAny());
        }
    }
}
