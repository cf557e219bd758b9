package dev.recsys.index.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShopperSimulatorTest {
    private static final long NOW = 1_750_000_000_000L;
    private static final List<String> CATEGORIES = List.of("home", "garden", "toys", "books", "sports", "beauty");

    private static List<CatalogItem> catalog() {
        List<CatalogItem> items = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String top = CATEGORIES.get(i % CATEGORIES.size());
            items.add(new CatalogItem(
                    "item-" + i,
                    "Item " + i,
                    "",
                    top + ">sub" + (i % 4),
                    "brand" + (i % 7),
                    List.of(),
                    "seller-" + (i % 20),
                    i % 3 == 0 ? "small" : "large",
                    10 + i,
                    i % 10 != 9,
                    Instant.ofEpochMilli(NOW - i * 60_000L),
                    Map.of()));
        }
        return items;
    }

    private static ShopperSimulator simulator(List<CatalogItem> items, String runId) {
        // nextEvent() never touches the producer, so none is needed here.
        return new ShopperSimulator(items, null, "interactions", 10, 50, 42, runId, () -> NOW);
    }

    @Test
    void everyEventIsValidWithAUniqueIdCarryingTheRunId() {
        ShopperSimulator simulator = simulator(catalog(), "run1");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            InteractionEvent event = simulator.nextEvent();
            InteractionEvent parsed = InteractionEventJson.parse(InteractionEventJson.write(event), NOW);
            assertEquals(event, parsed);
            assertTrue(event.eventId().startsWith("sim-run1-"), event.eventId());
            assertTrue(ids.add(event.eventId()), "duplicate id " + event.eventId());
            assertTrue(event.userId().matches("shopper-([1-9]|10)"), event.userId());
            assertEquals(NOW, event.ts());
        }
    }

    @Test
    void shoppersMostlyBrowseTheirFavouriteCategories() {
        List<CatalogItem> items = catalog();
        Map<String, CatalogItem> byId = new HashMap<>();
        items.forEach(item -> byId.put(item.itemId(), item));
        ShopperSimulator simulator = simulator(items, "run1");
        int views = 0;
        int favouriteViews = 0;
        for (int i = 0; i < 5_000; i++) {
            InteractionEvent event = simulator.nextEvent();
            CatalogItem item = byId.get(event.itemId());
            assertTrue(item.inStock(), "simulated shoppers only see items in stock");
            if (event.type() == EventType.VIEW) {
                views++;
                int shopper = Integer.parseInt(event.userId().substring("shopper-".length()));
                if (simulator.favourites(shopper).contains(item.topCategory())) {
                    favouriteViews++;
                }
            }
        }
        assertTrue(favouriteViews > 0.85 * views, favouriteViews + " of " + views + " views in favourite categories");
    }

    @Test
    void viewsDominateAndEveryKindOfEventOccurs() {
        ShopperSimulator simulator = simulator(catalog(), "run1");
        Map<EventType, Integer> counts = new EnumMap<>(EventType.class);
        for (int i = 0; i < 10_000; i++) {
            counts.merge(simulator.nextEvent().type(), 1, Integer::sum);
        }
        assertEquals(EventType.values().length, counts.size(), counts.toString());
        int views = counts.get(EventType.VIEW);
        for (EventType type : EventType.values()) {
            if (type != EventType.VIEW) {
                assertTrue(counts.get(type) < views, counts.toString());
            }
        }
        assertTrue(counts.get(EventType.DISLIKE) < counts.get(EventType.CLICK), counts.toString());
    }

    @Test
    void tastesDependOnlyOnTheSeedAndTheShopper() {
        List<CatalogItem> items = catalog();
        ShopperSimulator first = simulator(items, "a");
        ShopperSimulator second = new ShopperSimulator(items, null, "interactions", 3, 50, 42, "b", () -> NOW);
        for (int shopper = 1; shopper <= 3; shopper++) {
            assertEquals(first.favourites(shopper), second.favourites(shopper));
            assertTrue(first.favourites(shopper).size() >= 1
                    && first.favourites(shopper).size() <= 2);
        }
    }
}
