package dev.recsys.ranker.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.records.ItemStats;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** JSON form of {@link ItemStats}, with the rules of docs/CONTRACTS.md. Unknown fields are ignored. */
public final class ItemStatsJson {
    /** Window names are short ISO-8601 durations; anything longer is not one. */
    public static final int MAX_WINDOW_LENGTH = 32;

    private ItemStatsJson() {}

    /** Parses and validates one value; failures name the field. */
    public static ItemStats parse(String json) {
        JsonFields fields = new JsonFields(Json.parseObject(json));
        String itemId = fields.id("itemId");
        String window = window(fields);
        long windowEnd = nonNegative(fields, "windowEnd");
        long views = nonNegative(fields, "views");
        long clicks = nonNegative(fields, "clicks");
        long carts = nonNegative(fields, "carts");
        long purchases = nonNegative(fields, "purchases");
        long total = nonNegative(fields, "total");
        // Subtracting instead of summing cannot overflow: every count is non-negative.
        long rest = total;
        for (long count : new long[] {views, clicks, carts, purchases}) {
            if (count > rest) {
                throw new InvalidRecordException("total", "must be at least views + clicks + carts + purchases");
            }
            rest -= count;
        }
        return new ItemStats(itemId, window, windowEnd, views, clicks, carts, purchases, total);
    }

    private static String window(JsonFields fields) {
        String window = fields.requiredString("window", MAX_WINDOW_LENGTH);
        Duration size;
        try {
            size = Duration.parse(window);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException("window", "is not an ISO-8601 duration: '" + window + "'");
        }
        if (size.isNegative() || size.isZero()) {
            throw new InvalidRecordException("window", "must be a positive duration, got '" + window + "'");
        }
        return window;
    }

    private static long nonNegative(JsonFields fields, String field) {
        long value = fields.requiredLong(field);
        if (value < 0) {
            throw new InvalidRecordException(field, "must not be negative, got " + value);
        }
        return value;
    }

    public static ObjectNode toNode(ItemStats stats) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("itemId", stats.itemId());
        node.put("window", stats.window());
        node.put("windowEnd", stats.windowEnd());
        node.put("views", stats.views());
        node.put("clicks", stats.clicks());
        node.put("carts", stats.carts());
        node.put("purchases", stats.purchases());
        node.put("total", stats.total());
        return node;
    }

    public static String write(ItemStats stats) {
        return Json.write(toNode(stats));
    }
}
