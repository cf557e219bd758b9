package dev.recsys.index.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.json.CatalogItemJson;
import dev.recsys.ranker.records.CatalogItem;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SampleCatalogTest {
    static List<CatalogItem> items;

    @BeforeAll
    static void generate() {
        items = SampleCatalog.generate(6000, 42);
    }

    @Test
    void sameCountAndSeedGiveTheSameCatalog() {
        assertEquals(items, SampleCatalog.generate(6000, 42));
        assertNotEquals(items, SampleCatalog.generate(6000, 43));
    }

    @Test
    void generatesTheRequestedCountWithSequentialIds() {
        assertEquals(6000, items.size());
        assertEquals("p-000001", items.get(0).itemId());
        assertEquals("p-006000", items.get(5999).itemId());
        assertEquals(6000, items.stream().map(CatalogItem::itemId).distinct().count());
        assertEquals(List.of(), SampleCatalog.generate(0, 1));
        assertThrows(IllegalArgumentException.class, () -> SampleCatalog.generate(-1, 1));
    }

    @Test
    void sellersAreManyAndVeryDifferentInSize() {
        Map<String, Long> perSeller =
                items.stream().collect(Collectors.groupingBy(CatalogItem::sellerId, Collectors.counting()));
        assertTrue(perSeller.size() >= 60, perSeller.size() + " sellers");
        List<Long> sizes =
                perSeller.values().stream().sorted(Comparator.reverseOrder()).toList();
        long topFive = sizes.subList(0, 5).stream().mapToLong(Long::longValue).sum();
        assertTrue(topFive > 0.5 * items.size(), "top five sellers hold " + topFive);
        long small = sizes.stream().filter(size -> size < 0.01 * items.size()).count();
        assertTrue(small >= 30, small + " sellers with under 1% of the items");
        assertTrue(
                sizes.get(0) > 50 * sizes.get(sizes.size() - 1),
                "largest " + sizes.get(0) + " smallest " + sizes.get(sizes.size() - 1));
    }

    @Test
    void sellerTierFollowsSellerSize() {
        Map<String, Long> perSeller =
                items.stream().collect(Collectors.groupingBy(CatalogItem::sellerId, Collectors.counting()));
        Map<String, String> tier = items.stream()
                .collect(Collectors.toMap(CatalogItem::sellerId, CatalogItem::sellerTier, (a, b) -> {
                    assertEquals(a, b, "one tier per seller");
                    return a;
                }));
        assertEquals(Set.of("large", "mid", "small"), Set.copyOf(tier.values()));
        long smallestLarge = perSeller.entrySet().stream()
                .filter(e -> tier.get(e.getKey()).equals("large"))
                .mapToLong(Map.Entry::getValue)
                .min()
                .orElseThrow();
        long largestSmall = perSeller.entrySet().stream()
                .filter(e -> tier.get(e.getKey()).equals("small"))
                .mapToLong(Map.Entry::getValue)
                .max()
                .orElseThrow();
        assertTrue(smallestLarge > largestSmall);
        long smallSellerItems =
                items.stream().filter(item -> item.sellerTier().equals("small")).count();
        assertTrue(smallSellerItems > 300 && smallSellerItems < 1500, smallSellerItems + " items of small sellers");
    }

    @Test
    void coversEightTopCategoriesWithSubcategories() {
        Map<String, Set<String>> leaves = items.stream()
                .collect(Collectors.groupingBy(
                        CatalogItem::topCategory, Collectors.mapping(CatalogItem::category, Collectors.toSet())));
        assertEquals(
                Set.of("electronics", "home", "fashion", "sports", "beauty", "books", "toys", "grocery"),
                leaves.keySet());
        leaves.forEach((top, paths) -> {
            assertTrue(paths.size() >= 3, top + " has " + paths);
            paths.forEach(path -> assertEquals(3, path.split(">").length, path));
        });
        Map<String, Long> perTop =
                items.stream().collect(Collectors.groupingBy(CatalogItem::topCategory, Collectors.counting()));
        perTop.forEach((top, count) -> assertTrue(count > 300, top + " has " + count));
    }

    @Test
    void itemsLookLikeRealProducts() {
        for (CatalogItem item : items) {
            assertTrue(item.title().length() >= 10, item.title());
            assertTrue(!item.description().isBlank() && item.description().endsWith("."), item.description());
            assertTrue(
                    !item.tags().isEmpty() && item.tags().size() <= 4,
                    item.tags().toString());
            assertTrue(!item.brand().isBlank());
            assertTrue(item.price() > 0 && item.price() < 1000, item.itemId() + " " + item.price());
            assertTrue(!item.attributes().isEmpty());
            assertTrue(item.createdAt().isBefore(SampleCatalog.REFERENCE_TIME));
            assertTrue(item.createdAt().isAfter(SampleCatalog.REFERENCE_TIME.minus(Duration.ofDays(731))));
        }
        double inStock = items.stream().filter(CatalogItem::inStock).count() / (double) items.size();
        assertTrue(inStock > 0.93 && inStock < 0.97, "in stock " + inStock);
        CatalogItem headphones = items.stream()
                .filter(item -> item.category().equals("electronics>audio>headphones"))
                .findFirst()
                .orElseThrow();
        assertTrue(headphones.title().startsWith(headphones.brand() + " "), headphones.title());
        assertTrue(headphones.attributes().containsKey("colour"));
    }

    @Test
    void pricesAreTypicalOfTheirCategory() {
        Map<String, Double> medianByLeaf = items.stream()
                .collect(Collectors.groupingBy(
                        CatalogItem::category, Collectors.collectingAndThen(Collectors.toList(), list -> list.stream()
                                .map(CatalogItem::price)
                                .sorted()
                                .toList()
                                .get(list.size() / 2))));
        assertTrue(medianByLeaf.get("electronics>audio>speakers") > 3 * medianByLeaf.get("grocery>pantry>tea"));
        assertTrue(medianByLeaf.get("sports>outdoor>camping") > medianByLeaf.get("books>fiction>thrillers"));
    }

    @Test
    void everyItemSurvivesTheJsonContractRoundTrip() {
        for (CatalogItem item : items) {
            assertEquals(item, CatalogItemJson.parse(CatalogItemJson.write(item)), item.itemId());
        }
    }

    @Test
    void titlesVaryWithinACategory() {
        Map<String, Long> titles =
                items.stream().collect(Collectors.groupingBy(CatalogItem::title, Collectors.counting()));
        assertTrue(titles.size() > 0.8 * items.size(), titles.size() + " distinct titles");
        assertTrue(items.stream()
                        .map(CatalogItem::brand)
                        .collect(Collectors.toSet())
                        .size()
                >= 40);
        assertEquals(
                items.size(),
                items.stream()
                        .collect(Collectors.toMap(CatalogItem::itemId, Function.identity()))
                        .size());
    }
}
