package dev.recsys.ranker.records;

/**
 * The Kafka key of {@code item-stats}, {@code <itemId>|<window>}. Only tombstones need it: a record
 * with a value is read from its value.
 */
public record ItemStatsKey(String itemId, String window) {

    /** Splits at the last {@code |}: window names never contain one, item ids may. */
    public static ItemStatsKey parse(String key) {
        int bar = key == null ? -1 : key.lastIndexOf('|');
        if (bar <= 0 || bar == key.length() - 1) {
            throw new InvalidRecordException(null, "key '" + key + "' is not <itemId>|<window>");
        }
        return new ItemStatsKey(key.substring(0, bar), key.substring(bar + 1));
    }

    /** The key of one item and window. */
    public static String of(String itemId, String window) {
        return itemId + "|" + window;
    }

    @Override
    public String toString() {
        return of(itemId, window);
    }
}
