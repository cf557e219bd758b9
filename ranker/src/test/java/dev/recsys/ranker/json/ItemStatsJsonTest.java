package dev.recsys.ranker.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.records.ItemStats;
import dev.recsys.ranker.records.ItemStatsKey;
import java.math.BigInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ItemStatsJsonTest {
    private static final String EXAMPLE =
            """
            {"itemId": "p-000123", "window": "PT1H", "windowEnd": 1763884800000,
             "views": 41, "clicks": 9, "carts": 3, "purchases": 1, "total": 56}""";

    private static InvalidRecordException rejected(String json) {
        return assertThrows(InvalidRecordException.class, () -> ItemStatsJson.parse(json));
    }

    /** The example with one change, rejected with the change's field named. */
    private static void assertRejected(String field, Consumer<ObjectNode> change) {
        ObjectNode node = (ObjectNode) Json.parseObject(EXAMPLE);
        change.accept(node);
        InvalidRecordException e = rejected(Json.write(node));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith("field '" + field + "': "), e.getMessage());
    }

    @Test
    void parsesTheContractExample() {
        assertEquals(
                new ItemStats("p-000123", "PT1H", 1_763_884_800_000L, 41, 9, 3, 1, 56), ItemStatsJson.parse(EXAMPLE));
    }

    @Test
    void roundTripsAndIgnoresUnknownFields() {
        ItemStats stats = new ItemStats("p-1", "P1D", 5, 0, 0, 0, 0, 2);
        assertEquals(stats, ItemStatsJson.parse(ItemStatsJson.write(stats)));

        ObjectNode node = ItemStatsJson.toNode(stats);
        node.put("rates", 2);
        assertEquals(stats, ItemStatsJson.parse(Json.write(node)));
    }

    @Test
    void namesTheItemIdWhenItIsMissingBlankTooLongOrNotText() {
        assertRejected("itemId", node -> node.remove("itemId"));
        assertRejected("itemId", node -> node.putNull("itemId"));
        assertRejected("itemId", node -> node.put("itemId", " "));
        assertRejected("itemId", node -> node.put("itemId", "p".repeat(129)));
        assertRejected("itemId", node -> node.put("itemId", 7));
    }

    @Test
    void namesTheWindowWhenItIsNotAPositiveIsoDuration() {
        assertRejected("window", node -> node.remove("window"));
        assertRejected("window", node -> node.put("window", 3600));
        assertRejected("window", node -> node.put("window", "1h"));
        assertRejected("window", node -> node.put("window", "P1M")); // months have no fixed length
        assertRejected("window", node -> node.put("window", "PT0S"));
        assertRejected("window", node -> node.put("window", "-PT1H"));
        assertRejected("window", node -> node.put("window", "PT" + "1".repeat(40) + "S"));
    }

    @Test
    void namesEachNumberWhenItIsMissingNegativeOrNotAnInteger() {
        for (String field : new String[] {"windowEnd", "views", "clicks", "carts", "purchases", "total"}) {
            assertRejected(field, node -> node.remove(field));
            assertRejected(field, node -> node.put(field, -1));
            assertRejected(field, node -> node.put(field, 1.5));
            assertRejected(field, node -> node.put(field, "3"));
            assertRejected(field, node -> node.put(field, new BigInteger("1" + "0".repeat(20))));
        }
    }

    @Test
    void namesTheTotalWhenItIsLessThanTheCountedTypes() {
        assertRejected("total", node -> node.put("total", 53)); // 41 + 9 + 3 + 1 = 54
        assertRejected("total", node -> {
            node.put("views", Long.MAX_VALUE);
            node.put("clicks", Long.MAX_VALUE);
            node.put("total", Long.MAX_VALUE);
        });
        assertEquals(54, ItemStatsJson.parse(EXAMPLE.replace("56", "54")).total());
    }

    @Test
    void unreadableRecordsNameNoField() {
        assertNull(rejected("not json").field());
        assertNull(rejected("[1, 2]").field());
        assertNull(rejected("").field());
        assertNull(rejected(EXAMPLE + " {}").field());
    }

    @Test
    void splitsKeysAtTheLastBar() {
        assertEquals(new ItemStatsKey("p-1", "PT1H"), ItemStatsKey.parse("p-1|PT1H"));
        assertEquals(new ItemStatsKey("a|b", "P1D"), ItemStatsKey.parse("a|b|P1D"));
        assertEquals("a|b|P1D", ItemStatsKey.parse("a|b|P1D").toString());
        assertEquals("p-1|PT1H", new ItemStats("p-1", "PT1H", 0, 0, 0, 0, 0, 0).key());
        for (String bad : new String[] {"p-1", "|PT1H", "p-1|", ""}) {
            InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> ItemStatsKey.parse(bad));
            assertTrue(e.getMessage().contains("<itemId>|<window>"), e.getMessage());
        }
        assertThrows(InvalidRecordException.class, () -> ItemStatsKey.parse(null));
    }
}
