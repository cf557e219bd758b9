package dev.recsys.index.generations;

import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.Hit;
import dev.recsys.index.catalog.ItemFilter;
import dev.recsys.index.catalog.sources.Excerpt;
import dev.recsys.index.cf.CfFactors;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.vector.VectorMath;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The gate a new generation passes before it gets its READY marker, and so before anything changes for
 * queries: the document count must equal the distinct accepted itemIds, the vector dimension the
 * embedder's, and seeded sample items must be found by a text search for their title and by a
 * nearest-neighbour search for their vector (at most {@value #MAX_SAMPLE_MISS_RATIO} of them may be missed
 * by either: both searches are approximate among near-identical products). Attached CF factors must have
 * met the catalog. A generation that fails is a {@link JobFailure} saying why.
 */
final class GenerationGate {
    /** Hits looked at per sample query. */
    static final int VALIDATION_K = 20;

    /** Share of sample items the gate lets either search miss. */
    static final double MAX_SAMPLE_MISS_RATIO = 0.1;

    private GenerationGate() {}

    static void validate(CatalogIndex index, long distinct, int expectedDimension, List<String> samples) {
        index.refresh();
        if (index.size() != distinct) {
            throw new JobFailure("validation: the index holds " + index.size() + " items, expected " + distinct);
        }
        if (index.dimension() != expectedDimension) {
            throw new JobFailure(
                    "validation: vector dimension " + index.dimension() + ", expected " + expectedDimension);
        }
        // Both searches are approximate or ranked (HNSW, BM25 among near-identical titles), so a
        // sample may legitimately miss; a broken generation misses most of them.
        int textMisses = 0;
        int vectorMisses = 0;
        String lastMiss = null;
        for (String itemId : samples) {
            CatalogItem item = index.item(itemId)
                    .orElseThrow(() ->
                            new JobFailure("validation: sample item " + Excerpt.of(itemId) + " is not in the index"));
            List<Hit> found = index.search(item.title(), VALIDATION_K, ItemFilter.NONE);
            // No hits at all means the title has no searchable terms (only stop words or punctuation).
            boolean byText = found.isEmpty()
                    || found.stream()
                            .anyMatch(h -> h.itemId().equals(itemId)
                                    || h.item().title().equals(item.title()));
            if (!byText) {
                textMisses++;
                lastMiss = "a search for the title of " + Excerpt.of(itemId) + " does not find it";
            }
            float[] vector = index.contentVector(itemId);
            if (vector == null || VectorMath.isZero(vector)) {
                continue;
            }
            List<Hit> near = index.knn(vector, VALIDATION_K, ItemFilter.NONE);
            // A hit with score ~1 is an item with the same vector (an identical text), as good as itself.
            boolean byVector = near.stream().anyMatch(h -> h.itemId().equals(itemId) || h.score() > 0.99999f);
            if (!byVector) {
                vectorMisses++;
                lastMiss = "a nearest-neighbour search for the vector of " + Excerpt.of(itemId) + " does not find it";
            }
        }
        int allowed = (int) Math.floor(samples.size() * MAX_SAMPLE_MISS_RATIO);
        if (textMisses > allowed || vectorMisses > allowed) {
            throw new JobFailure(String.format(
                    Locale.ROOT,
                    "validation: %d of %d sample items missed by text search and %d by vector search (at most %d"
                            + " allowed); e.g. %s",
                    textMisses,
                    samples.size(),
                    vectorMisses,
                    allowed,
                    lastMiss));
        }
    }

    /**
     * The factors must have met the catalog: a model trained on other item ids attaches to nothing, and
     * neither do neighbour lists of other items.
     *
     * @param attached items that got a factor
     * @param withNeighbours items that have a neighbour list
     */
    /**
     * The sequence model's embeddings must have met the catalog, with its dimension, each sample item with
     * the model's row.
     *
     * @param attached items that got an embedding
     */
    static void validateSequence(
            CatalogIndex index, AttachedSequenceModel sequence, long attached, List<String> samples) {
        if (attached == 0) {
            throw new JobFailure("validation: none of the sequence model's "
                    + sequence.modelIds().size()
                    + " items belongs to the catalog; was it trained on interactions with this catalog's itemIds?");
        }
        if (index.seqDimension() != sequence.dimension()) {
            throw new JobFailure("validation: sequence model dimension " + index.seqDimension() + ", expected "
                    + sequence.dimension());
        }
        for (String itemId : samples) {
            if (!Arrays.equals(sequence.itemVector(itemId), index.seqVector(itemId))) {
                throw new JobFailure("validation: the sequence model embedding of sample item " + Excerpt.of(itemId)
                        + " is not the model's");
            }
        }
    }

    static void validateCf(CatalogIndex index, CfFactors cf, long attached, long withNeighbours, List<String> samples) {
        if (attached == 0) {
            throw new JobFailure("validation: none of the " + cf.items().size() + " CF factors belongs to an item"
                    + " of the catalog; were they trained on interactions with this catalog's itemIds?");
        }
        if (index.cfDimension() != cf.factors()) {
            throw new JobFailure("validation: CF dimension " + index.cfDimension() + ", expected " + cf.factors());
        }
        for (String itemId : samples) {
            float[] expected = cf.factor(itemId);
            if (!Arrays.equals(expected, index.cfVector(itemId))) {
                throw new JobFailure(
                        "validation: the CF vector of sample item " + Excerpt.of(itemId) + " is not its factor");
            }
        }
        if (cf.neighbours() != null && withNeighbours == 0) {
            throw new JobFailure("validation: none of the " + cf.neighbours().lists()
                    + " item neighbour lists belongs to an item of the catalog");
        }
    }
}
