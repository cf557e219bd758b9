package dev.recsys.index.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.Hit;
import dev.recsys.index.catalog.IndexSettings;
import dev.recsys.index.catalog.ItemFilter;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.index.generations.LiveCatalog;
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
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feeds from CF factors: a generation trained with CF vectors and shoppers folded into that model. */
class FeedServiceCfTest {
    private static final long NOW = SampleCatalog.REFERENCE_TIME.toEpochMilli();
    private static final String CATEGORY = "home";
    private static final int FACTORS = 4;

    @TempDir
    static Path dir;

    private static CatalogIndex index;
    private static UserVectorStore users;
    private static FeedService feeds;

    @BeforeAll
    static void buildCatalog() throws Exception {
        List<CatalogItem> items = SampleCatalog.generate(800, 11);
        Random random = new Random(3);
        // The model's taste axis 0 is "home", axis 1 everything else: CF alone can tell them apart.
        try (CatalogIndex.Builder builder = CatalogIndex.builder(
                dir.resolve("gen-1"),
                HashedNgramEmbedder.fitCatalog(items, HashedNgramEmbedder.DEFAULT_DIMENSION),
                1,
                IndexSettings.DEFAULTS)) {
            for (CatalogItem item : items) {
                float[] cf = new float[FACTORS];
                cf[item.topCategory().equals(CATEGORY) ? 0 : 1] = 1;
                for (int f = 0; f < FACTORS; f++) {
                    cf[f] += (float) (random.nextGaussian() * 0.1);
                }
                builder.add(item, cf);
            }
            index = builder.finish(Map.of());
        }
        users = new UserVectorStore();
        feeds = new FeedService(LiveCatalog.of(index), users, new TrendingItems(), FeedConfig.defaults(), () -> NOW);
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    private static UserVectors shopper(String user, float[] content, float[] cf) {
        return new UserVectors(user, 1, NOW, NOW, content, cf, List.of(), Map.of());
    }

    private static FeedRequest request(String user) {
        return new FeedRequest(user, 20, null, Set.of(), true, BlendWeights.defaults());
    }

    @Test
    void aCfFactorAloneGivesAPersonalFeedFromCfCandidates() {
        users.offer(shopper("cf-only", new float[index.dimension()], new float[] {1, 0, 0, 0}));

        Feed feed = feeds.feed(request("cf-only"));

        assertFalse(feed.coldStart(), "a CF factor personalises");
        long home = feed.items().stream()
                .filter(r -> r.item().topCategory().equals(CATEGORY))
                .count();
        assertTrue(home >= 15, home + " of 20 from the shopper's CF taste");
        assertTrue(feed.items().stream().anyMatch(r -> r.ranked().origins().contains(FeedService.ORIGIN_KNN_CF)));
        assertTrue(feed.items().stream().allMatch(r -> r.ranked().scoreParts().containsKey(ScoreSource.CF)));
    }

    @Test
    void whatSimilarShoppersBoughtIsProposedAndExplainedWithoutNamingThem() {
        CatalogItem bought = index.newest(800, ItemFilter.NONE.inStock()).stream()
                .map(Hit::item)
                .filter(i -> !i.topCategory().equals(CATEGORY))
                .reduce((first, second) -> second) // the oldest: no other generator proposes it
                .orElseThrow();
        List<RecentInteraction> purchase =
                List.of(new RecentInteraction(bought.itemId(), EventType.PURCHASE, NOW - 5_000));
        users.offer(new UserVectors(
                "twin-1", 1, NOW, NOW, new float[index.dimension()], new float[] {1, 0.1f, 0, 0}, purchase, Map.of()));
        users.offer(new UserVectors(
                "twin-2", 1, NOW, NOW, new float[index.dimension()], new float[] {1, 0, 0.1f, 0}, purchase, Map.of()));
        users.offer(shopper("asking", new float[index.dimension()], new float[] {1, 0, 0, 0}));
        BlendWeights trustNeighbours = BlendWeights.defaults().with(ScoreSource.SHOPPERS, 2);

        Feed feed = feeds.feed(new FeedRequest("asking", 20, null, Set.of(), true, trustNeighbours));

        ResultItem found = feed.items().stream()
                .filter(r -> r.item().itemId().equals(bought.itemId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(bought.itemId() + " not in " + feed.items()));
        assertTrue(found.ranked().origins().contains(FeedService.ORIGIN_SHOPPERS));
        assertTrue(found.ranked().scoreParts().containsKey(ScoreSource.SHOPPERS));
        assertEquals(2, found.similarShoppers().neighbours());
        assertEquals(
                EventType.PURCHASE, found.similarShoppers().because().get(0).type());

        Feed withoutExplanations = feeds.feed(new FeedRequest("asking", 20, null, Set.of(), false, trustNeighbours));
        assertTrue(withoutExplanations.items().stream().allMatch(r -> r.similarShoppers() == null));
    }

    @Test
    void aFactorOfAnotherModelIsIgnored() {
        users.offer(shopper("old-model", new float[index.dimension()], new float[] {1, 0, 0, 0, 0, 0}));

        Feed feed = feeds.feed(request("old-model"));

        assertTrue(feed.coldStart(), "no usable signal: cold start");
        assertTrue(feed.items().stream().noneMatch(r -> r.ranked().origins().contains(FeedService.ORIGIN_KNN_CF)));
        assertEquals(20, feed.items().size());
    }
}
