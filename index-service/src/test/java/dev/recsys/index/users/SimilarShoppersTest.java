package dev.recsys.index.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.UserVectors;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimilarShoppersTest {
    private static final double EPSILON = 1e-5;

    private UserVectorStore store;

    private static UserVectors shopper(String user, float[] cf, Object... recent) {
        RecentInteraction[] interactions = new RecentInteraction[recent.length / 2];
        for (int i = 0; i < interactions.length; i++) {
            interactions[i] = new RecentInteraction((String) recent[2 * i], (EventType) recent[2 * i + 1], 1_000L - i);
        }
        return new UserVectors(user, 1, 0, 0, new float[] {1}, cf, Arrays.asList(interactions), Map.of());
    }

    /**
     * "me" and four others at cosines 1 (a), 0.6 (b), 0 (d) and -1 (c). Expected, with the default
     * weights (purchase 6, add-to-cart 4, click 2, view 1): p1 = 1·6 + 0.6·2 = 7.2, p3 = 0.6·6 = 3.6
     * (a's dislike neither counts nor subtracts), p2 = 1·1 + 0.6·4 = 3.4, p4 = 0.6·1 = 0.6. "own" and
     * "mine-disliked" were touched by me; c and d are not similar; a's rating carries no stars.
     */
    @BeforeEach
    void fixture() {
        store = new UserVectorStore();
        store.offer(shopper("me", new float[] {1, 0}, "own", EventType.VIEW, "mine-disliked", EventType.DISLIKE));
        store.offer(shopper(
                "a",
                new float[] {2, 0},
                "p1",
                EventType.PURCHASE,
                "p2",
                EventType.VIEW,
                "own",
                EventType.PURCHASE,
                "p3",
                EventType.DISLIKE,
                "p5",
                EventType.RATE));
        store.offer(shopper(
                "b",
                new float[] {0.6f, 0.8f},
                "p1",
                EventType.CLICK,
                "p2",
                EventType.ADD_TO_CART,
                "p3",
                EventType.PURCHASE,
                "p4",
                EventType.VIEW,
                "mine-disliked",
                EventType.PURCHASE));
        store.offer(shopper("c", new float[] {-1, 0}, "p6", EventType.PURCHASE));
        store.offer(shopper("d", new float[] {0, 1}, "p7", EventType.PURCHASE));
    }

    private static List<String> ids(List<NeighbourItem> items) {
        return items.stream().map(NeighbourItem::itemId).toList();
    }

    @Test
    void scoresItemsBySimilarityTimesEventWeight() {
        List<NeighbourItem> items = new SimilarShoppers(store, SimilarShoppersConfig.defaults()).candidates("me");

        assertEquals(List.of("p1", "p3", "p2", "p4"), ids(items));
        assertEquals(7.2, items.get(0).score(), EPSILON);
        assertEquals(3.6, items.get(1).score(), EPSILON);
        assertEquals(3.4, items.get(2).score(), EPSILON);
        assertEquals(0.6, items.get(3).score(), EPSILON);

        NeighbourItem p1 = items.get(0);
        assertEquals(2, p1.neighbours());
        assertEquals(
                List.of("a", "b"),
                p1.because().stream().map(NeighbourEngagement::userId).toList());
        NeighbourEngagement fromA = p1.because().get(0);
        assertEquals(EventType.PURCHASE, fromA.type());
        assertEquals(1.0, fromA.similarity(), EPSILON);
        assertEquals(6.0, fromA.contribution(), EPSILON);
        NeighbourEngagement fromB = p1.because().get(1);
        assertEquals(EventType.CLICK, fromB.type());
        assertEquals(0.6, fromB.similarity(), EPSILON);
        assertEquals(1.2, fromB.contribution(), EPSILON);

        NeighbourItem p2 = items.get(2);
        assertEquals(
                List.of("b", "a"),
                p2.because().stream().map(NeighbourEngagement::userId).toList(),
                "largest first");
        NeighbourItem p3 = items.get(1);
        assertEquals(
                List.of("b"),
                p3.because().stream().map(NeighbourEngagement::userId).toList());
    }

    @Test
    void limitsItemsAndExplanations() {
        SimilarShoppersConfig config = new SimilarShoppersConfig(
                50, 2, 1, 0.0, SimilarShoppersConfig.defaults().profile());
        List<NeighbourItem> items = new SimilarShoppers(store, config).candidates("me");

        assertEquals(List.of("p1", "p3"), ids(items));
        assertEquals(1, items.get(0).because().size());
        assertEquals(2, items.get(0).neighbours(), "the count covers every contributor");
    }

    @Test
    void consultsOnlyTheConfiguredNumberOfNeighbours() {
        List<NeighbourItem> items =
                new SimilarShoppers(store, SimilarShoppersConfig.defaults().withNeighbours(1)).candidates("me");
        assertEquals(List.of("p1", "p2"), ids(items), "only a, the most similar");
    }

    @Test
    void leavesOutWhatTheShopperTouchedOrTheCallerExcludes() {
        SimilarShoppers generator = new SimilarShoppers(store, SimilarShoppersConfig.defaults());
        UserVectors me = store.get("me").orElseThrow();

        List<String> ids = ids(generator.candidates(me, Set.of("p1", "p4")));
        assertEquals(List.of("p3", "p2"), ids);
        assertTrue(ids(generator.candidates("me")).stream()
                .noneMatch(id -> id.equals("own") || id.equals("mine-disliked")));
    }

    @Test
    void ignoresDislikesAndRatingsAndDissimilarShoppers() {
        List<String> ids = ids(new SimilarShoppers(store, SimilarShoppersConfig.defaults()).candidates("me"));
        assertTrue(!ids.contains("p5"), "a rating without stars");
        assertTrue(!ids.contains("p6"), "c points away");
        assertTrue(!ids.contains("p7"), "d is orthogonal");
    }

    @Test
    void aRatingWeighsByItsStars() {
        ProfileConfig profile = ProfileConfig.defaults();
        store.offer(new UserVectors(
                "e",
                1,
                1,
                1,
                new float[] {1},
                new float[] {1, 0},
                List.of(
                        new RecentInteraction("loved", EventType.RATE, 5, 5.0),
                        new RecentInteraction("disliked", EventType.RATE, 4, 1.0)),
                Map.of()));
        List<NeighbourItem> items = new SimilarShoppers(store, SimilarShoppersConfig.defaults()).candidates("me");
        NeighbourItem loved = items.stream()
                .filter(i -> i.itemId().equals("loved"))
                .findFirst()
                .orElseThrow();
        assertEquals(profile.weightOf(EventType.RATE, 5.0), loved.score(), EPSILON); // similarity 1
        assertTrue(ids(items).stream().noneMatch("disliked"::equals), "a rating below neutral");
    }

    @Test
    void breaksTiesByItemId() {
        store.offer(shopper("me-too", new float[] {0, 0, 1}));
        store.offer(shopper("f", new float[] {0, 0, 1}, "z-item", EventType.VIEW, "a-item", EventType.VIEW));

        List<NeighbourItem> items = new SimilarShoppers(store, SimilarShoppersConfig.defaults()).candidates("me-too");
        assertEquals(List.of("a-item", "z-item"), ids(items));
        assertEquals(items.get(0).score(), items.get(1).score());
    }

    @Test
    void isEmptyWithoutACfVector() {
        store.offer(shopper("no-cf", null, "own", EventType.VIEW));
        SimilarShoppers generator = new SimilarShoppers(store, SimilarShoppersConfig.defaults());

        assertEquals(List.of(), generator.candidates("no-cf"));
        assertEquals(List.of(), generator.candidates("unknown"));
        assertEquals(List.of(), generator.candidates(shopper("zero", new float[] {0, 0}), Set.of()));
    }
}
