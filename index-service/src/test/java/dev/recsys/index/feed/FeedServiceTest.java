package dev.recsys.index.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.index.generations.CatalogUnavailableException;
import dev.recsys.index.generations.LiveCatalog;
import dev.recsys.index.trending.TrendingItems;
import dev.recsys.index.users.UserVectorStore;
import dev.recsys.ranker.fairness.FairnessConfig;
import dev.recsys.ranker.fairness.FairnessReport;
import dev.recsys.ranker.rank.BlendWeights;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.ItemStats;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.UserVectors;
import dev.recsys.ranker.vector.VectorMath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedServiceTest {
    private static final long NOW = SampleCatalog.REFERENCE_TIME.toEpochMilli();
    private static final String CATEGORY = "home";

    @TempDir
    static Path dir;

    private static List<CatalogItem> items;
    private static CatalogIndex index;
    private static UserVectorStore users;
    private static TrendingItems trending;
    private static FeedService feeds;
    private static List<CatalogItem> history;

    @BeforeAll
    static void buildCatalog() throws Exception {
        items = SampleCatalog.generate(1_500, 7);
        index = CatalogIndex.build(
                dir.resolve("gen-1"),
                items,
                HashedNgramEmbedder.fitCatalog(items, HashedNgramEmbedder.DEFAULT_DIMENSION),
                1);
        users = new UserVectorStore();
        trending = new TrendingItems();
        feeds = new FeedService(LiveCatalog.of(index), users, trending, FeedConfig.defaults(), () -> NOW);

        // A shopper who viewed twelve "home" items and bought the first: their profile is the
        // normalised mean of those items' content vectors, as the stream job's rule would give.
        history = items.stream()
                .filter(item -> item.topCategory().equals(CATEGORY) && item.inStock())
                .limit(12)
                .toList();
        users.offer(profile("home-lover", history, 9));
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    private static UserVectors profile(String user, List<CatalogItem> seen, long version) {
        float[] sum = new float[index.dimension()];
        List<RecentInteraction> recent = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) {
            VectorMath.addScaled(sum, 1, index.contentVector(seen.get(i).itemId()));
            EventType type = i == 0 ? EventType.PURCHASE : EventType.VIEW;
            recent.add(new RecentInteraction(seen.get(i).itemId(), type, NOW - i * 1_000L));
        }
        return new UserVectors(
                user, version, NOW, NOW, VectorMath.normalized(sum), null, recent, Map.of("view", (long) seen.size()));
    }

    private static FeedRequest request(String user, int k) {
        return new FeedRequest(user, k, null, Set.of(), true, BlendWeights.defaults());
    }

    private static CatalogItem item(String id) {
        return index.item(id).orElseThrow();
    }

    @Test
    void aFeedBeforeAnyGenerationIsLiveSaysTheCatalogIsStillLoading() {
        FeedService loading = new FeedService(new LiveCatalog(), users, trending, FeedConfig.defaults(), () -> NOW);
        CatalogUnavailableException e =
                assertThrows(CatalogUnavailableException.class, () -> loading.feed(request("home-lover", 5)));
        assertEquals("the catalog is still loading", e.getMessage());
    }

    @Test
    void aProfilePointingAtACategoryFillsTheFeedMostlyWithThatCategory() {
        Feed feed = feeds.feed(request("home-lover", 20));

        assertFalse(feed.coldStart());
        assertEquals(9L, feed.profileVersion());
        assertEquals(1, feed.generation());
        assertEquals(20, feed.items().size());
        long inCategory = feed.items().stream()
                .filter(r -> r.item().topCategory().equals(CATEGORY))
                .count();
        assertTrue(inCategory >= 16, inCategory + " of 20 items are in " + CATEGORY);
        assertTrue(feed.items().stream().allMatch(r -> r.item().inStock()));
    }

    @Test
    void itemsOfTheShoppersRecentHistoryAreNotRecommendedAgain() {
        Feed feed = feeds.feed(request("home-lover", 20));

        Set<String> seen = new HashSet<>();
        history.forEach(item -> seen.add(item.itemId()));
        assertTrue(feed.items().stream().noneMatch(r -> seen.contains(r.item().itemId())));
    }

    @Test
    void purchasedAndExcludedItemsNeverAppear() {
        Feed first = feeds.feed(request("home-lover", 20));
        String excluded = first.items().getFirst().item().itemId();
        Feed feed =
                feeds.feed(new FeedRequest("home-lover", 20, null, Set.of(excluded), true, BlendWeights.defaults()));

        Set<String> ids = new HashSet<>();
        feed.items().forEach(r -> ids.add(r.item().itemId()));
        assertFalse(ids.contains(excluded), "excluded item came back");
        assertFalse(ids.contains(history.getFirst().itemId()), "purchased item came back");
        assertFalse(first.items().stream()
                .anyMatch(r -> r.item().itemId().equals(history.getFirst().itemId())));
    }

    @Test
    void eachResultIsExplainedByTheShoppersMostSimilarRecentItems() {
        Feed feed = feeds.feed(request("home-lover", 10));
        Set<String> seen = new HashSet<>();
        history.forEach(item -> seen.add(item.itemId()));
        int explained = 0;
        for (ResultItem result : feed.items()) {
            assertTrue(result.because().size() <= 2);
            assertFalse(result.ranked().origins().isEmpty());
            assertFalse(result.ranked().scoreParts().isEmpty());
            for (Because because : result.because()) {
                assertTrue(seen.contains(because.itemId()), because.itemId() + " is not in the history");
                assertEquals(item(because.itemId()).title(), because.title());
                assertTrue(because.similarity() > 0 && because.similarity() <= 1.0000001);
            }
            if (result.because().size() == 2) {
                assertTrue(result.because().get(0).similarity()
                        >= result.because().get(1).similarity());
            }
            explained += result.because().isEmpty() ? 0 : 1;
        }
        assertTrue(explained >= 8, explained + " of 10 items explained");
    }

    @Test
    void explainFalseLeavesTheExplanationsOut() {
        Feed feed = feeds.feed(new FeedRequest("home-lover", 5, null, Set.of(), false, BlendWeights.defaults()));
        assertTrue(feed.items().stream().allMatch(r -> r.because().isEmpty()));
    }

    @Test
    void aCategoryRestrictsEveryItem() {
        Feed feed =
                feeds.feed(new FeedRequest("home-lover", 10, "home>kitchen", Set.of(), true, BlendWeights.defaults()));
        assertFalse(feed.items().isEmpty());
        assertTrue(
                feed.items().stream().allMatch(r -> r.item().category().startsWith("home>kitchen>")),
                feed.items().toString());
    }

    @Test
    void aShopperWithoutAProfileGetsAColdStartFeedSpanningCategories() {
        Feed feed = feeds.feed(request("never-seen", 20));

        assertTrue(feed.coldStart());
        assertNull(feed.profileVersion());
        assertEquals(20, feed.items().size());
        Set<String> categories = new HashSet<>();
        feed.items().forEach(r -> categories.add(r.item().topCategory()));
        assertTrue(categories.size() >= 5, "categories " + categories);
        assertTrue(feed.items().stream().allMatch(r -> r.because().isEmpty()));
        assertTrue(feed.items().stream()
                .allMatch(r -> r.ranked().origins().contains(FeedService.ORIGIN_DIVERSE)
                        || r.ranked().origins().contains(FeedService.ORIGIN_NEW)
                        || r.ranked().origins().contains(FeedService.ORIGIN_TRENDING)));
    }

    @Test
    void aProfileWithoutDirectionCountsAsColdStart() {
        users.offer(
                new UserVectors("cancelled-out", 4, NOW, NOW, new float[index.dimension()], null, List.of(), Map.of()));
        Feed feed = feeds.feed(request("cancelled-out", 10));
        assertTrue(feed.coldStart());
        assertEquals(4L, feed.profileVersion());
    }

    @Test
    void theFairnessReportShowsTheQuotaMetAtEveryPrefixAndTheSellerCapKept() {
        for (String user : List.of("home-lover", "never-seen")) {
            Feed feed = feeds.feed(request(user, 20));
            FairnessReport report = feed.fairness();
            assertEquals(20, report.k());
            assertTrue(report.enoughProtectedCandidates(), user + ": " + report);
            assertTrue(report.quotaMet(), user + ": " + report);
            int[] minimum = report.minProtectedAtPrefix();
            int[] actual = report.protectedAtPrefix();
            for (int i = 0; i < 20; i++) {
                assertTrue(actual[i] >= minimum[i], user + " prefix " + (i + 1) + ": " + report);
            }
            long protectedItems = feed.items().stream()
                    .filter(r -> r.ranked().protectedItem())
                    .count();
            assertEquals(report.protectedCount(), protectedItems);
            assertTrue(report.largestSellerShare() <= 0.3 + 1e-9, user + ": " + report);
            assertTrue(feed.items().stream()
                    .allMatch(r -> r.ranked().protectedItem()
                            == "small".equals(r.item().sellerTier())));
        }
    }

    @Test
    void theFairnessPassRaisesTheProtectedShareAboveTheBlendedOrder() {
        FeedService unfair = new FeedService(
                LiveCatalog.of(index),
                users,
                trending,
                FeedConfig.defaults()
                        .withPolicy(new RankingPolicy(
                                Set.of("small"), FairnessConfig.disabled(), RankingPolicy.DEFAULT_NEWNESS_HALF_LIFE)),
                () -> NOW);
        FeedRequest request = request("home-lover", 20);
        int fair = feeds.feed(request).fairness().protectedCount();
        int blended = unfair.feed(request).fairness().protectedCount();
        assertTrue(fair >= blended, fair + " protected with fairness, " + blended + " without");
        assertTrue(fair >= feeds.feed(request).fairness().minProtectedAtPrefix()[19]);
    }

    @Test
    void itemsTrendingNowAreCandidatesOfEveryFeedUnlessFilteredOut() {
        // A separate store, so the other tests' feeds stay without trending items.
        TrendingItems hot = new TrendingItems();
        FeedService withTrending = new FeedService(LiveCatalog.of(index), users, hot, FeedConfig.defaults(), () -> NOW);
        CatalogItem inStock = items.stream()
                .filter(i -> i.inStock() && !i.topCategory().equals(CATEGORY))
                .findFirst()
                .orElseThrow();
        CatalogItem outOfStock =
                items.stream().filter(i -> !i.inStock()).findFirst().orElseThrow();
        long windowEnd = NOW - 60_000;
        hot.offer(new ItemStats(inStock.itemId(), "PT1H", windowEnd, 500, 100, 40, 20, 660));
        hot.offer(new ItemStats(outOfStock.itemId(), "PT1H", windowEnd, 900, 100, 40, 20, 1060));
        hot.refresh(NOW);

        Feed coldStart = withTrending.feed(request("never-seen", 20));

        ResultItem found = coldStart.items().stream()
                .filter(r -> r.item().itemId().equals(inStock.itemId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the trending item leads a cold-start feed"));
        assertTrue(found.ranked().origins().contains(FeedService.ORIGIN_TRENDING));
        assertEquals(1, found.ranked().blendedRank(), "nothing else is trending");
        for (String user : List.of("never-seen", "home-lover")) {
            Feed feed = withTrending.feed(request(user, 100));
            assertTrue(
                    feed.items().stream().noneMatch(r -> r.item().itemId().equals(outOfStock.itemId())),
                    user + ": out of stock");
        }
        Feed excluded = withTrending.feed(
                new FeedRequest("never-seen", 100, null, Set.of(inStock.itemId()), true, BlendWeights.defaults()));
        assertTrue(excluded.items().stream().noneMatch(r -> r.item().itemId().equals(inStock.itemId())));
    }

    @Test
    void theSameRequestGivesTheSameFeed() {
        List<String> first = ids(feeds.feed(request("home-lover", 20)));
        List<String> second = ids(feeds.feed(request("home-lover", 20)));
        assertEquals(first, second);
        assertEquals(ids(feeds.feed(request("never-seen", 20))), ids(feeds.feed(request("never-seen", 20))));
    }

    private static List<String> ids(Feed feed) {
        return feed.items().stream().map(r -> r.item().itemId()).toList();
    }
}
