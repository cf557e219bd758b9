package dev.recsys.tools.evaluation;

import dev.recsys.index.embed.CachedEmbedder;
import dev.recsys.index.embed.CenteredEmbedder;
import dev.recsys.index.embed.EmbedderSpec;
import dev.recsys.index.embed.Embedders;
import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.index.embed.TextEmbedder;
import dev.recsys.index.embed.TransformerModel;
import dev.recsys.ranker.eval.ItemContent;
import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The content vectors of a catalog under each embedder of {@code --embedder}, computed as a catalog
 * generation computes them: every item's {@link TextEmbedder#textOf} text embedded. The hashed n-gram
 * embedder is fitted on the catalog first ({@link HashedNgramEmbedder#fitCatalog}, {@value
 * EvaluationData#DIMENSION} dimensions); a Transformer is loaded from the class path and put in front of its
 * {@link Embedders embedding cache} in {@code cacheFolder}, so a second run over the same catalog reads its
 * vectors instead of running the model.
 */
final class ContentEmbeddings {
    /**
     * One embedder's vectors and what they are.
     *
     * @param description the embedder and its vectors in words, for the results page
     */
    record Embedded(EmbedderSpec spec, ItemContent content, String description) {}

    private ContentEmbeddings() {}

    /** The name of an embedder's rows: {@code hashed}, {@code transformer} for the default model, else its id. */
    static String label(EmbedderSpec spec) {
        if (spec.kind() == EmbedderSpec.Kind.HASHED) {
            return "hashed";
        }
        return spec.model().equals(TransformerModel.DEFAULT) ? "transformer" : spec.id();
    }

    /**
     * Every item's vector under each spec, in order.
     *
     * @param cacheFolder the folder of the Transformers' embedding caches, {@code null} for none
     * @param threads texts a Transformer embeds at once
     * @param log receives one line per embedder: how long it took and how many vectors came from the cache
     * @throws IOException if a model cannot be loaded or its cache cannot be opened
     */
    static List<Embedded> of(
            List<CatalogItem> items, List<EmbedderSpec> specs, Path cacheFolder, int threads, Consumer<String> log)
            throws IOException {
        List<Embedded> out = new ArrayList<>(specs.size());
        try (Embedders transformers = new Embedders(cacheFolder, threads)) {
            for (EmbedderSpec spec : specs) {
                long started = System.nanoTime();
                Embedded embedded = spec.kind() == EmbedderSpec.Kind.HASHED
                        ? hashed(items)
                        : transformer(items, spec, transformers.transformer(spec.model()));
                log.accept(String.format(
                        Locale.ROOT,
                        "content vectors %s: %d items in %.1f s%s",
                        spec.id(),
                        items.size(),
                        (System.nanoTime() - started) / 1e9,
                        cacheNote(transformers, spec)));
                out.add(embedded);
            }
        }
        return out;
    }

    /** The hashed n-gram embedder fitted on the catalog, and its vectors. */
    static Embedded hashed(List<CatalogItem> items) {
        HashedNgramEmbedder embedder = HashedNgramEmbedder.fitCatalog(items, EvaluationData.DIMENSION);
        float[][] vectors = embed(embedder, items);
        return new Embedded(
                EmbedderSpec.HASHED,
                new ItemContent(label(EmbedderSpec.HASHED), vectors),
                String.format(
                        Locale.ROOT,
                        "`hashed` = hashed word and character n-grams weighted by TF-IDF fitted on the catalog"
                                + " (`HashedNgramEmbedder`, %d dimensions)",
                        embedder.dimension()));
    }

    /**
     * The Transformer's vectors as a generation of the service holds them: the model's, centred on the
     * catalog's mean by the service's own {@link CenteredEmbedder}.
     */
    private static Embedded transformer(List<CatalogItem> items, EmbedderSpec spec, TextEmbedder embedder) {
        float[][] vectors = embed(embedder, items);
        CenteredEmbedder.Fitter fitter = CenteredEmbedder.fitter(embedder);
        for (float[] raw : vectors) {
            fitter.add(raw);
        }
        CenteredEmbedder centred = fitter.fit();
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = centred.center(vectors[i]);
        }
        String label = label(spec);
        return new Embedded(
                spec,
                new ItemContent(label, vectors),
                String.format(
                        Locale.ROOT,
                        "`%s` = the pre-trained sentence encoder %s, its vectors centred on the catalog's mean"
                                + " (`%s`, %d dimensions)",
                        label,
                        spec.model().name(),
                        spec.id(),
                        embedder.dimension()));
    }

    private static float[][] embed(TextEmbedder embedder, List<CatalogItem> items) {
        List<String> texts = items.stream().map(embedder::textOf).toList();
        return embedder.embedAll(texts);
    }

    private static String cacheNote(Embedders transformers, EmbedderSpec spec) throws IOException {
        if (spec.kind() != EmbedderSpec.Kind.TRANSFORMER) {
            return "";
        }
        TextEmbedder embedder = transformers.transformer(spec.model());
        if (embedder instanceof CachedEmbedder cached) {
            cached.flush();
            return String.format(
                    Locale.ROOT,
                    " (%d embedded now, %d from the cache %s)",
                    cached.misses(),
                    cached.hits(),
                    Objects.toString(cached.cache()));
        }
        return " (no embedding cache)";
    }
}
