package dev.recsys.index.sequence;

import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.sequence.SequenceEncoder;
import dev.recsys.ranker.sequence.SequenceFilter;
import dev.recsys.ranker.sequence.SequenceInput;
import dev.recsys.ranker.sequence.SequenceModelFile;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A generation's sequence model as the feed uses it: a shopper's embedding from their recent list,
 * computed by the offline evaluation's rule ({@link SequenceInput}) and forward pass ({@link
 * SequenceEncoder}). It keeps no item table: the item embeddings are the generation's {@code seq} vectors,
 * so the model and the catalog it reads can never be of different generations, and a 1,000,000-item model
 * is not held twice. Thread-safe.
 */
public final class ServedSequenceModel {
    private final SequenceEncoder encoder;
    private final SequenceFilter filter;
    private final String description;
    /** The event weights the model's filter was trained with: the profile's defaults, as training uses. */
    private final ProfileConfig profile = ProfileConfig.defaults();

    public ServedSequenceModel(SequenceModelFile file) {
        Objects.requireNonNull(file, "file");
        this.encoder = SequenceEncoder.withoutItemTable(file.weights());
        this.filter = file.filter();
        this.description = file.describe();
    }

    public int dimension() {
        return encoder.dimension();
    }

    /**
     * The shopper's embedding from their recent list (newest first, as {@code user-vectors} carries it), or
     * {@code null} when the model does not read it (fewer than {@value SequenceInput#MIN_ITEMS} events it
     * keeps of items it knows).
     *
     * @param itemVectors the model's embedding of an item, {@code null} for an item it never saw
     */
    public float[] embed(List<RecentInteraction> recentNewestFirst, Function<String, float[]> itemVectors) {
        float[][] vectors = new float[recentNewestFirst.size()][];
        boolean[] looked = new boolean[vectors.length];
        int[] read = SequenceInput.read(
                new SequenceInput.RecentList() {
                    @Override
                    public int size() {
                        return vectors.length;
                    }

                    @Override
                    public EventType type(int index) {
                        return recentNewestFirst.get(index).type();
                    }

                    @Override
                    public Double value(int index) {
                        return recentNewestFirst.get(index).value();
                    }

                    @Override
                    public boolean known(int index) {
                        if (!looked[index]) {
                            looked[index] = true;
                            vectors[index] = itemVectors.apply(
                                    recentNewestFirst.get(index).itemId());
                        }
                        return vectors[index] != null;
                    }
                },
                filter,
                profile);
        if (read.length == 0) {
            return null;
        }
        float[][] history = new float[read.length][];
        for (int i = 0; i < read.length; i++) {
            history[i] = vectors[read[i]];
        }
        return encoder.embedItems(history);
    }

    /** {@code sequence model: 9,742 items, 64 dimensions, 2 blocks, events positive}. */
    public String describe() {
        return description;
    }
}
