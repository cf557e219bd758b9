package dev.recsys.ranker.eval;

import java.util.Objects;

/**
 * The content vectors of every catalog item under one text embedder, with the embedder's name as the rows of
 * the results table show it ({@code Content only (hashed)}, {@code Hybrid (transformer content)}).
 *
 * @param name the embedder's name, not blank
 * @param vectors the content vector of each item, by item index (shared; do not modify)
 */
public record ItemContent(String name, float[][] vectors) {
    public ItemContent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vectors, "vectors");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the content needs a name");
        }
    }
}
