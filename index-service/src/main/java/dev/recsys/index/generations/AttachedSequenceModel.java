package dev.recsys.index.generations;

import dev.recsys.ranker.sequence.SequenceModelFile;
import java.util.Map;

/**
 * A sequence model on its way into a generation: each catalog item the model knows gets the model's
 * embedding of it in the {@code seq} field, and the file is saved beside the index for serving.
 */
record AttachedSequenceModel(SequenceModelFile file, Map<String, Integer> modelIds) {
    static AttachedSequenceModel of(SequenceModelFile file) {
        return new AttachedSequenceModel(file, file.modelIds());
    }

    int dimension() {
        return file.weights().dimension();
    }

    /** The model's embedding of the item (shared: do not modify), or {@code null} for one it never saw. */
    float[] itemVector(String itemId) {
        Integer id = modelIds.get(itemId);
        return id == null ? null : file.weights().items()[id];
    }
}
