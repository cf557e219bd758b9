package dev.recsys.tools.sequence;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import dev.recsys.ranker.sequence.SequenceWeights;

/** DJL parameters copied out as plain arrays. */
final class Weights {
    private Weights() {}

    static SequenceWeights.Dense dense(Block linear) {
        return new SequenceWeights.Dense(
                matrix(parameter(linear, "weight")), parameter(linear, "bias").toFloatArray());
    }

    static SequenceWeights.Norm norm(Block layerNorm) {
        return new SequenceWeights.Norm(
                parameter(layerNorm, "gamma").toFloatArray(),
                parameter(layerNorm, "beta").toFloatArray());
    }

    static float[][] matrix(NDArray array) {
        int rows = Math.toIntExact(array.getShape().get(0));
        int columns = Math.toIntExact(array.getShape().get(1));
        float[] flat = array.toFloatArray();
        float[][] out = new float[rows][columns];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * columns, out[r], 0, columns);
        }
        return out;
    }

    private static NDArray parameter(Block block, String name) {
        return block.getDirectParameters().get(name).getArray();
    }
}
