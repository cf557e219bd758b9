package dev.recsys.index.embed;

/**
 * Turns text into a fixed-size dense vector for content similarity.
 *
 * <p>Implementations must be safe for concurrent {@link #embed} calls and deterministic: the same
 * text always yields the same vector, so vectors published to {@code item-vectors} and vectors of
 * query text computed later agree.
 */
public interface TextEmbedder {

    /** Length of every vector {@link #embed} returns; at least 1. */
    int dimension();

    /**
     * The L2-normalised embedding of {@code text}: unit length, or all zeros when the text has no
     * features (empty, only punctuation, only stop words).
     *
     * @throws NullPointerException if {@code text} is null
     */
    float[] embed(String text);
}
