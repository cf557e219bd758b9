package dev.recsys.index.sequence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.CatalogView;
import dev.recsys.index.generations.GenerationStore;
import dev.recsys.ranker.json.SequenceModelJson;
import dev.recsys.ranker.records.UserVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The sequence model of whichever generation a request holds, read once per generation directory (the file
 * is written before the generation is marked ready and never changes), and shoppers' sequence embeddings
 * kept by profile version: a shopper's embedding changes only when their recent list does, and every event
 * that changes it raises the version. A forgotten shopper's embedding goes at once ({@link #forget}).
 * Thread-safe.
 */
public final class SequenceModels {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SequenceModels.class);
    /** Live, previous and one being swapped in, with room to spare, as for the neighbour tables. */
    private static final int KEPT_MODELS = 4;

    private final Cache<Path, Optional<ServedSequenceModel>> models =
            Caffeine.newBuilder().maximumSize(KEPT_MODELS).build();
    private final Cache<String, Kept> embeddings;

    /** @param cachedShoppers how many shoppers' embeddings are kept */
    public SequenceModels(long cachedShoppers) {
        this.embeddings = Caffeine.newBuilder().maximumSize(cachedShoppers).build();
    }

    /** The generation's sequence model, empty when it has none (or it cannot be read). */
    public Optional<ServedSequenceModel> of(CatalogIndex index) {
        Path dir = index.path();
        if (dir == null || index.seqDimension() == 0) {
            return Optional.empty();
        }
        return models.get(dir, SequenceModels::read);
    }

    /**
     * The shopper's sequence embedding under the generation's model, or {@code null} when the generation has
     * no model or the model does not read the shopper's list ({@link ServedSequenceModel#embed}).
     *
     * @param view a view of {@code index}, where the model's item embeddings are read
     */
    public float[] embedding(UserVectors profile, CatalogIndex index, CatalogView view) {
        Optional<ServedSequenceModel> model = of(index);
        if (profile == null || model.isEmpty()) {
            return null;
        }
        Kept kept = embeddings.getIfPresent(profile.userId());
        if (kept != null
                && kept.version() == profile.version()
                && kept.erasedUpTo() == profile.erasedUpTo()
                && kept.generation() == index.generation()) {
            return kept.embedding();
        }
        float[] embedding = model.get().embed(profile.recent(), id -> view.find(id)
                .map(view::seqVector)
                .orElse(null));
        embeddings.put(
                profile.userId(), new Kept(profile.erasedUpTo(), profile.version(), index.generation(), embedding));
        return embedding;
    }

    /** Drops what is kept of a shopper: the store forgot them (an erasure or a tombstone). */
    public void forget(String userId) {
        embeddings.invalidate(userId);
    }

    private static Optional<ServedSequenceModel> read(Path dir) {
        Path file = dir.resolve(GenerationStore.SEQUENCE_MODEL_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            ServedSequenceModel model =
                    new ServedSequenceModel(SequenceModelJson.parse(Files.readString(file, StandardCharsets.UTF_8)));
            LOG.info("{} read for {}", model.describe(), dir.getFileName());
            return Optional.of(model);
        } catch (IOException | RuntimeException e) {
            LOG.warn("sequence model off for {}: {}", dir, e.toString());
            return Optional.empty();
        }
    }

    /**
     * A shopper's embedding and the profile state and generation it was computed for: the version restarts
     * after an erasure, so the erasure mark is part of it. {@code embedding} is null for a history too short.
     */
    private record Kept(long erasedUpTo, long version, long generation, float[] embedding) {}
}
