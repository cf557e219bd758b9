package dev.recsys.index.embed;

import dev.recsys.ranker.records.CatalogItem;
import java.util.List;

/**
 * Turns text into a fixed-size dense vector for content similarity.
 *
 * <p>Implementations must be safe for concurrent {@link #embed} calls and deterministic: the same
 * text always yields the same vector, so vectors published to {@code item-vectors} and vectors of
 * query text computed later agree.
 */
public interface TextEmbedder {

    /**
     * Which embedder this is: vectors of two embedders are comparable only when their specs and
     * dimensions are equal.
     */
    EmbedderSpec spec();

    /**
     * The text of a catalog item this embedder reads (which fields, in which order, how they are joined):
     * each embedder's own, since a Transformer reads prose and the n-gram embedder weights the title by
     * repeating it.
     */
    String textOf(CatalogItem item);

    /**
     * The embedder for transient text such as search queries: the same vectors, but nothing kept on disk
     * (an embedder that stores what it embeds returns the one it stores for). This one by default.
     */
    default TextEmbedder forQueries() {
        return this;
    }

    /** Length of every vector {@link #embed} returns; at least 1. */
    int dimension();

    /**
     * The L2-normalised embedding of {@code text}: unit length, or all zeros when the text has nothing to
     * embed (empty or only punctuation; each implementation says what else counts, such as only stop
     * words). Never NaN.
     *
     * @throws NullPointerException if {@code text} is null
     */
    float[] embed(String text);

    /**
     * {@link #embed} of each text, in order: element {@code i} equals {@code embed(texts.get(i))}. For a
     * model whose cost per call is high, implementations spread the texts over cores; this default embeds
     * them one by one.
     *
     * @throws NullPointerException if {@code texts} or one of them is null
     */
    default float[][] embedAll(List<String> texts) {
        float[][] vectors = new float[texts.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = embed(texts.get(i));
        }
        return vectors;
    }
}
