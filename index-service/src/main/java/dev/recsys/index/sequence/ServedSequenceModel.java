package dev.recsys.index.sequence;

import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.sequence.SequenceEncoder;
import dev.recsys.ranker.sequence.SequenceModelFile;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A generation's sequence model as the service uses it: the item embeddings it attaches to the catalog's
 * items, and a shopper's embedding from their recent list, computed the way the offline evaluation computes
 * it ({@link SequenceEncoder} over the kept events, oldest first). Thread-safe.
 */
public final class ServedSequenceModel {
    /** The fewest known items a history needs: one item says nothing about order. */
    public static final int MIN_ITEMS = 2;
    /** The model's file in a generation directory ({@code dev.recsys.ranker.json.SequenceModelJson}). */
    public static final String FILE = "sequence-model.json";

    private final SequenceModelFile file;
    private final Map<String, Integer> modelIds;
    private final SequenceEncoder encoder;
    /** The event weights the model's filter was trained with: the profile's defaults, as training uses. */
    private final ProfileConfig profile = ProfileConfig.defaults();

    public ServedSequenceModel(SequenceModelFile file) {
        this.file = Objects.requireNonNull(file, "file");
        this.modelIds = file.modelIds();
        this.encoder = new SequenceEncoder(file.weights());
    }

    public SequenceModelFile file() {
        return file;
    }

    public int dimension() {
        return file.weights().dimension();
    }

    /** The item's embedding, or {@code null} for an item the model never saw. Shared: do not modify. */
    public float[] itemVector(String itemId) {
        Integer id = modelIds.get(itemId);
        return id == null ? null : file.weights().items()[id];
    }

    /**
     * The shopper's embedding from their recent list (newest first, as {@code user-vectors} carries it): the
     * events the model reads, of items it knows, oldest first; {@code null} with fewer than {@value
     * #MIN_ITEMS} of them.
     */
    public float[] embed(List<RecentInteraction> recentNewestFirst) {
        int[] history = new int[recentNewestFirst.size()];
        int n = 0;
        for (int r = recentNewestFirst.size() - 1; r >= 0; r--) {
            RecentInteraction event = recentNewestFirst.get(r);
            Integer id = modelIds.get(event.itemId());
            if (id != null && file.filter().keeps(profile, event.type(), event.value())) {
                history[n++] = id;
            }
        }
        return n < MIN_ITEMS ? null : encoder.embed(java.util.Arrays.copyOf(history, n));
    }

    /** {@code sequence model: 9,742 items, 64 dimensions, 2 blocks, events positive}. */
    public String describe() {
        return String.format(
                java.util.Locale.ROOT,
                "sequence model: %,d items, %d dimensions, %d blocks, events %s",
                file.itemIds().size(),
                dimension(),
                file.weights().blocks().size(),
                file.filter().flagName());
    }
}
