package dev.recsys.ranker.records;

import java.util.Objects;

/**
 * An item's embeddings, the value of the compacted {@code item-vectors} topic (key = itemId).
 *
 * @param generation the catalog generation that produced the vectors
 * @param content the L2-normalised content (text) embedding
 * @param cf the collaborative-filtering factor, or {@code null} before CF training exists
 */
public record ItemVectors(String itemId, long generation, float[] content, float[] cf) {

    public ItemVectors {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(content, "content");
    }
}
