package dev.recsys.index.feed;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.trending.TrendingItems;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.ItemStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtectedGroupTest {
    private static final long NOW = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();

    private static CatalogItem item(String id, String tier, Duration age) {
        return new CatalogItem(
                id,
                "t " + id,
                "",
                "a>b",
                "brand",
                List.of(),
                "s-" + id,
                tier,
                1.0,
                true,
                Instant.ofEpochMilli(NOW).minus(age),
                Map.of());
    }

    @Test
    void sellerTiersAreComparedWithoutCase() {
        ProtectedGroup group = ProtectedGroup.parse("tier:Small, medium", new TrendingItems());

        assertTrue(group.contains(item("a", "SMALL", Duration.ZERO), NOW));
        assertTrue(group.contains(item("b", "medium", Duration.ZERO), NOW));
        assertFalse(group.contains(item("c", "large", Duration.ZERO), NOW));
        assertFalse(group.contains(item("d", null, Duration.ZERO), NOW));
    }

    @Test
    void newItemsAreThoseCreatedWithinTheAge() {
        ProtectedGroup group = ProtectedGroup.parse("new:P30D", new TrendingItems());

        assertTrue(group.contains(item("a", "large", Duration.ofDays(29)), NOW));
        assertTrue(group.contains(item("b", "large", Duration.ofDays(30)), NOW));
        assertFalse(group.contains(item("c", "large", Duration.ofDays(31)), NOW));
    }

    @Test
    void theLongTailIsEverythingOutsideTheMostPopularOfTheDay() {
        TrendingItems trending = new TrendingItems();
        long windowEnd = NOW - 60_000;
        trending.offer(new ItemStats("hit-1", "P1D", windowEnd, 900, 50, 20, 10, 980));
        trending.offer(new ItemStats("hit-2", "P1D", windowEnd, 500, 20, 10, 5, 535));
        trending.offer(new ItemStats("niche", "P1D", windowEnd, 3, 0, 0, 0, 3));
        trending.refresh(NOW);
        ProtectedGroup group = ProtectedGroup.parse("long-tail:2", trending);

        assertFalse(group.contains(item("hit-1", "large", Duration.ZERO), NOW));
        assertFalse(group.contains(item("hit-2", "large", Duration.ZERO), NOW));
        assertTrue(group.contains(item("niche", "large", Duration.ZERO), NOW), "third: outside a head of 2");
        assertTrue(group.contains(item("never-seen", "large", Duration.ZERO), NOW));
        assertTrue(group.describe().contains("2 most popular"));
    }

    @Test
    void badSpecificationsSayWhatIsWrong() {
        TrendingItems trending = new TrendingItems();
        for (String spec : List.of("tier:", "new:30 days", "new:-P1D", "long-tail:many", "long-tail:0", "popular:5")) {
            var e = assertThrows(IllegalArgumentException.class, () -> ProtectedGroup.parse(spec, trending), spec);
            assertTrue(
                    e.getMessage().contains(spec.split(":")[0])
                            || e.getMessage().contains("unknown"),
                    spec + ": " + e.getMessage());
        }
    }
}
