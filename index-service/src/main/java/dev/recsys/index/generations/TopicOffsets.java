package dev.recsys.index.generations;

import java.util.Map;
import java.util.TreeMap;

/**
 * The catalog-topic offsets a generation has applied, per partition: the offset of the next record to
 * apply. Stored in the generation's Lucene commit user data under {@value #COMMIT_KEY} as {@code
 * "0:1234,1:99"}, so the offsets and the documents they produced are durable in the same commit.
 */
public final class TopicOffsets {
    public static final String COMMIT_KEY = "recsys.catalog.offsets";

    private TopicOffsets() {}

    public static String encode(Map<Integer, Long> offsets) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Integer, Long> e : new TreeMap<>(offsets).entrySet()) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(e.getKey()).append(':').append(e.getValue());
        }
        return out.toString();
    }

    /** The offsets in {@code text}; an absent or malformed value gives an empty map (read from the beginning). */
    public static Map<Integer, Long> decode(String text) {
        Map<Integer, Long> out = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        try {
            for (String part : text.split(",")) {
                int colon = part.indexOf(':');
                out.put(
                        Integer.parseInt(part.substring(0, colon).strip()),
                        Long.parseLong(part.substring(colon + 1).strip()));
            }
        } catch (RuntimeException e) {
            return new TreeMap<>();
        }
        return out;
    }
}
