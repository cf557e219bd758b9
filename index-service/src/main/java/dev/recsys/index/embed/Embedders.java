package dev.recsys.index.embed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Transformer embedders of a process, each loaded once and shared by every generation built with it
 * (a model session is tens of megabytes and a fraction of a second to load), each in front of its
 * {@link EmbeddingCache} under one folder. The hashed embedder is not here: it is fitted per catalog and
 * saved with its generation.
 *
 * <p>Thread-safe; {@link #close} closes the models and caches, after which no embedder it gave may be used.
 */
public final class Embedders implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Embedders.class);

    private final Path cacheFolder;
    private final int threads;
    private final Map<TransformerModel, Opened> opened = new HashMap<>();
    private boolean closed;

    /**
     * @param cacheFolder where the embedding caches are kept, one file per model; {@code null} for none
     * @param threads texts a Transformer embeds at once
     */
    public Embedders(Path cacheFolder, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.cacheFolder = cacheFolder;
        this.threads = threads;
    }

    /** One thread per core, caches under {@code cacheFolder} (or none). */
    public static Embedders withCacheIn(Path cacheFolder) {
        return new Embedders(cacheFolder, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The shared embedder of {@code model}: a {@link CachedEmbedder} when there is a cache folder, the
     * model itself otherwise.
     *
     * @throws IOException if the model cannot be loaded or its cache cannot be opened
     */
    public synchronized TextEmbedder transformer(TransformerModel model) throws IOException {
        Objects.requireNonNull(model, "model");
        if (closed) {
            throw new IllegalStateException("the embedders are closed");
        }
        Opened existing = opened.get(model);
        if (existing != null) {
            return existing.embedder();
        }
        long began = System.nanoTime();
        TransformerEmbedder loaded = TransformerEmbedder.open(model, threads);
        TextEmbedder embedder = loaded;
        EmbeddingCache cache = null;
        try {
            if (cacheFolder != null) {
                cache = EmbeddingCache.open(
                        cacheFile(loaded.spec(), loaded.dimension()), loaded.spec(), loaded.dimension());
                embedder = new CachedEmbedder(loaded, cache);
            }
        } catch (IOException | RuntimeException e) {
            loaded.close();
            throw e;
        }
        LOG.info(
                "loaded {} ({} dimensions) in {} ms{}",
                model.name(),
                loaded.dimension(),
                (System.nanoTime() - began) / 1_000_000,
                cache == null
                        ? ""
                        : "; " + cache.size() + " vectors cached in " + cacheFile(loaded.spec(), loaded.dimension()));
        opened.put(model, new Opened(loaded, cache, embedder));
        return embedder;
    }

    /** The embedder a spec names for a generation that needs no fitting; the hashed one is fitted instead. */
    public TextEmbedder unfitted(EmbedderSpec spec) throws IOException {
        if (spec.kind() != EmbedderSpec.Kind.TRANSFORMER) {
            throw new IllegalArgumentException(spec + " is fitted per catalog, not shared");
        }
        return transformer(spec.model());
    }

    /** The cache file of an embedder: its id with {@code :} as {@code -}, and its dimension. */
    Path cacheFile(EmbedderSpec spec, int dimension) {
        return cacheFolder.resolve(
                String.format(Locale.ROOT, "%s-%d.vectors", spec.id().replace(':', '-'), dimension));
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Opened o : opened.values()) {
            o.model().close();
            if (o.cache() != null) {
                try {
                    o.cache().flush();
                    o.cache().close();
                } catch (IOException e) {
                    LOG.warn("closing {}: {}", o.cache(), e.toString());
                }
            }
        }
        opened.clear();
    }

    private record Opened(TransformerEmbedder model, EmbeddingCache cache, TextEmbedder embedder) {}
}
