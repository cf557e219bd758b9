package dev.recsys.ranker.records;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a shopper did with an item. The JSON name is the lower-case constant name. */
public enum EventType {
    VIEW,
    CLICK,
    ADD_TO_CART,
    PURCHASE,
    RATE,
    DISLIKE;

    // Computed once: the name is written for every recent interaction of every profile update.
    private final String jsonName = name().toLowerCase(Locale.ROOT);

    private static final String NAMES =
            Arrays.stream(values()).map(EventType::jsonName).collect(Collectors.joining(", "));

    public String jsonName() {
        return jsonName;
    }

    /** Parses a JSON name; the message lists the accepted names. */
    public static EventType fromJson(String name) {
        for (EventType type : values()) {
            if (type.jsonName().equals(name)) {
                return type;
            }
        }
        throw new InvalidRecordException("type", "unknown event type '" + name + "' (expected one of " + NAMES + ")");
    }
}
