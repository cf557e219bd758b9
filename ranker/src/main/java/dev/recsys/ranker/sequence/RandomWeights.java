package dev.recsys.ranker.sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random weights of a given shape: an untrained model, whose forward pass costs what a trained one's
 * does and whose outputs any property of the encoder must hold for. For tests and benchmarks that need a
 * model but not a trained one.
 */
public final class RandomWeights {
    private RandomWeights() {}

    /**
     * @param items items the model knows (rows 1 … items of the table; row 0 is padding)
     * @param maxLength positions
     * @param scale standard deviation of every weight
     */
    public static SequenceWeights of(
            long seed, int items, int maxLength, int dimension, int heads, int blocks, double scale) {
        Random random = new Random(seed);
        List<SequenceWeights.Block> layers = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            layers.add(new SequenceWeights.Block(
                    norm(random, dimension, scale),
                    dense(random, dimension, scale),
                    dense(random, dimension, scale),
                    dense(random, dimension, scale),
                    dense(random, dimension, scale),
                    norm(random, dimension, scale),
                    dense(random, dimension, scale),
                    dense(random, dimension, scale)));
        }
        return new SequenceWeights(
                heads,
                1e-5f,
                matrix(random, items + 1, dimension, scale),
                matrix(random, maxLength, dimension, scale),
                layers,
                norm(random, dimension, scale));
    }

    private static SequenceWeights.Dense dense(Random random, int dimension, double scale) {
        return new SequenceWeights.Dense(
                matrix(random, dimension, dimension, scale), matrix(random, 1, dimension, scale)[0]);
    }

    private static SequenceWeights.Norm norm(Random random, int dimension, double scale) {
        return new SequenceWeights.Norm(matrix(random, 1, dimension, scale)[0], matrix(random, 1, dimension, scale)[0]);
    }

    private static float[][] matrix(Random random, int rows, int columns, double scale) {
        float[][] out = new float[rows][columns];
        for (float[] row : out) {
            for (int c = 0; c < columns; c++) {
                row[c] = (float) (random.nextGaussian() * scale);
            }
        }
        return out;
    }
}
