package dev.recsys.index.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.records.CatalogItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemFilterTest {
    private static final CatalogItem KNIFE = new CatalogItem(
            "k1",
            "Chef's Knife",
            "",
            "Home>Kitchen>Knives",
            "Oakline",
            List.of(),
            "seller-1",
            "small",
            49.99,
            false,
            Instant.parse("2024-01-01T00:00:00Z"),
            Map.of());

    @Test
    void noneHasNoConstraintsAndMatchesEverything() {
        assertTrue(ItemFilter.NONE.isUnconstrained());
        assertFalse(ItemFilter.NONE.inStockOnly());
        assertNull(ItemFilter.NONE.categoryPrefix());
        assertTrue(ItemFilter.NONE.excludeItemIds().isEmpty());
        assertTrue(ItemFilter.NONE.matches(KNIFE));
    }

    @Test
    void categoryPrefixMatchesWholeLevelsOnly() {
        assertTrue(ItemFilter.NONE.withCategory("home").matches(KNIFE));
        assertTrue(ItemFilter.NONE.withCategory(" HOME > kitchen ").matches(KNIFE));
        assertTrue(ItemFilter.NONE.withCategory("home>kitchen>knives").matches(KNIFE));
        assertFalse(ItemFilter.NONE.withCategory("home>kitch").matches(KNIFE));
        assertFalse(ItemFilter.NONE.withCategory("home>kitchen>knives>japanese").matches(KNIFE));
        assertEquals(
                "home>kitchen",
                ItemFilter.NONE.withCategory(" Home >> Kitchen ").categoryPrefix());
        assertNull(ItemFilter.NONE.withCategory("  ").categoryPrefix());
        assertNull(ItemFilter.NONE.withCategory(null).categoryPrefix());
    }

    @Test
    void priceBoundsAreInclusiveAndValidated() {
        assertTrue(ItemFilter.NONE.withPriceRange(49.99, 49.99).matches(KNIFE));
        assertFalse(ItemFilter.NONE.withPriceRange(50.0, null).matches(KNIFE));
        assertFalse(ItemFilter.NONE.withPriceRange(null, 49.0).matches(KNIFE));
        assertThrows(IllegalArgumentException.class, () -> ItemFilter.NONE.withPriceRange(10.0, 5.0));
        assertThrows(IllegalArgumentException.class, () -> ItemFilter.NONE.withPriceRange(-1.0, null));
        assertThrows(IllegalArgumentException.class, () -> ItemFilter.NONE.withPriceRange(null, Double.NaN));
    }

    @Test
    void stockAndExclusionsFilterItems() {
        assertFalse(ItemFilter.NONE.inStock().matches(KNIFE));
        assertFalse(ItemFilter.NONE.withExclusions(Set.of("k1")).matches(KNIFE));
        ItemFilter both = ItemFilter.NONE.withExclusions(Set.of("a")).excluding(List.of("b"));
        assertEquals(Set.of("a", "b"), both.excludeItemIds());
        assertEquals(Set.of("c"), both.withExclusions(Set.of("c")).excludeItemIds());
        assertEquals(Set.of(), new ItemFilter(null, null, null, false, null).excludeItemIds());
    }

    @Test
    void withMethodsKeepTheOtherConstraints() {
        ItemFilter filter = ItemFilter.NONE
                .inStock()
                .withCategory("home")
                .withPriceRange(1.0, 2.0)
                .withExclusions(Set.of("x"));
        assertEquals(new ItemFilter("home", 1.0, 2.0, true, Set.of("x")), filter);
        assertEquals("fashion", filter.withCategory("fashion").categoryPrefix());
        assertTrue(filter.withCategory("fashion").inStockOnly());
    }
}
