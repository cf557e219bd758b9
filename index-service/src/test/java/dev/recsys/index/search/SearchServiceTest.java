package dev.recsys.index.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.Hit;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.index.feed.RankingPolicy;
import dev.recsys.index.feed.ResultItem;
import dev.recsys.index.generations.LiveCatalog;
import dev.recsys.index.users.UserVectorStore;
import dev.recsys.ranker.rank.BlendWeights;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.UserVectors;
import dev.recsys.ranker.vector.VectorMath;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchServiceTest {
    private static final long NOW = SampleCatalog.REFERENCE_TIME.toEpochMilli();

    @TempDir
    static Path dir;

    private static List<CatalogItem> items;
    private static CatalogIndex index;
    private static UserVectorStore users;
    private static SearchService search;

    @BeforeAll
    static void buildCatalog() throws Exception {
        items = SampleCatalog.generate(1_500, 11);
        index = CatalogIndex.build(
                dir.resolve("gen-1"),
                items,
                HashedNgramEmbedder.fitCatalog(items, HashedNgramEmbedder.DEFAULT_DIMENSION),
                1);
        users = new UserVectorStore();
        search = new SearchService(
                LiveCatalog.of(index), users, RankingPolicy.defaults(), BlendWeights.defaults(), 100, () -> NOW);
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    private static SearchRequest request(String q, String user, int k) {
        return new SearchRequest(q, user, k, null, null, null, BlendWeights.defaults());
    }

    @Test
    void anItemsOwnTitleFindsItNearTheTop() {
        CatalogItem target =
                items.stream().filter(CatalogItem::inStock).skip(40).findFirst().orElseThrow();
        SearchResult result = search.search(request(target.title(), null, 10));

        assertFalse(result.personalised());
        assertNull(result.profileVersion());
        assertTrue(result.textHits() > 0 && result.vectorHits() > 0);
        List<String> ids = result.items().stream().map(r -> r.item().itemId()).toList();
        assertTrue(ids.contains(target.itemId()), target.title() + " not in " + ids);
        ResultItem hit = result.items().stream()
                .filter(r -> r.item().itemId().equals(target.itemId()))
                .findFirst()
                .orElseThrow();
        assertTrue(hit.ranked().origins().contains(SearchService.ORIGIN_TEXT));
        assertTrue(hit.ranked().origins().contains(SearchService.ORIGIN_VECTOR));
    }

    @Test
    void filtersApplyToEveryResult() {
        SearchResult result = search.search(new SearchRequest(
                "headphones speakers lamp boots", null, 30, "electronics", 20.0, 200.0, BlendWeights.defaults()));
        assertFalse(result.items().isEmpty());
        for (ResultItem r : result.items()) {
            assertTrue(r.item().category().startsWith("electronics>"), r.item().category());
            assertTrue(
                    r.item().price() >= 20 && r.item().price() <= 200,
                    "price " + r.item().price());
            assertTrue(r.item().inStock());
        }
    }

    @Test
    void aShopperWithAProfilePersonalisesTheOrder() {
        // A shopper whose taste is "fashion": among results for a query that matches several
        // categories, fashion items move up.
        float[] taste = new float[index.dimension()];
        items.stream()
                .filter(item -> item.topCategory().equals("fashion"))
                .limit(20)
                .forEach(item -> VectorMath.addScaled(taste, 1, index.contentVector(item.itemId())));
        users.offer(
                new UserVectors("fashionista", 3, NOW, NOW, VectorMath.normalized(taste), null, List.of(), Map.of()));
        String query = "black";
        SearchResult anonymous = search.search(request(query, null, 20));
        SearchResult personal = search.search(request(query, "fashionista", 20));

        assertTrue(personal.personalised());
        assertEquals(3L, personal.profileVersion());
        assertTrue(personal.items().stream()
                .allMatch(r -> r.ranked().scoreParts().containsKey(dev.recsys.ranker.rank.ScoreSource.CONTENT)));
        long fashionAnonymous = anonymous.items().stream()
                .filter(r -> r.item().topCategory().equals("fashion"))
                .count();
        long fashionPersonal = personal.items().stream()
                .filter(r -> r.item().topCategory().equals("fashion"))
                .count();
        assertTrue(fashionPersonal > fashionAnonymous, fashionPersonal + " vs " + fashionAnonymous);
    }

    @Test
    void fairnessReportComesWithEverySearch() {
        SearchResult result = search.search(request("wireless", null, 10));
        assertEquals(result.items().size(), result.fairness().k());
        int[] minimum = result.fairness().minProtectedAtPrefix();
        int[] actual = result.fairness().protectedAtPrefix();
        if (result.fairness().enoughProtectedCandidates()) {
            for (int i = 0; i < minimum.length; i++) {
                assertTrue(actual[i] >= minimum[i], result.fairness().toString());
            }
        }
    }

    @Test
    void reciprocalRankFusionRewardsItemsBothListsAgreeOn() {
        // rrf(both at rank 2) = 2/62 ≈ 0.0323 beats rrf(first in one list only) = 1/61 ≈ 0.0164.
        CatalogItem a = items.get(0);
        CatalogItem b = items.get(1);
        CatalogItem c = items.get(2);
        Map<String, SearchService.Fused> fused = new LinkedHashMap<>();
        SearchService.fuse(fused, List.of(new Hit(a, 9f), new Hit(b, 8f)), SearchService.ORIGIN_TEXT);
        SearchService.fuse(fused, List.of(new Hit(c, 0.9f), new Hit(b, 0.8f)), SearchService.ORIGIN_VECTOR);

        assertEquals(1.0 / 61, fused.get(a.itemId()).rrf(), 1e-12);
        assertEquals(2.0 / 62, fused.get(b.itemId()).rrf(), 1e-12);
        assertEquals(1.0 / 61, fused.get(c.itemId()).rrf(), 1e-12);
        assertTrue(fused.get(b.itemId()).rrf() > fused.get(a.itemId()).rrf());
        assertEquals(2, fused.get(b.itemId()).origins.size());
    }

    @Test
    void aQueryWithNoWordsFindsNothingRatherThanFailing() {
        SearchResult result = search.search(request("!!! ???", null, 10));
        assertTrue(result.items().isEmpty());
        assertEquals(0, result.fairness().k());
    }
}
