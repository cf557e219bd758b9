package dev.recsys.index.generations;

import dev.recsys.index.cf.CfFactors;

/**
 * What training attaches to a generation's items: CF factors (with the model and neighbour lists) and the
 * sequence model's embeddings; either may be absent.
 */
record TrainedModels(CfFactors cf, AttachedSequenceModel sequence) {
    static final TrainedModels NONE = new TrainedModels(null, null);
}
