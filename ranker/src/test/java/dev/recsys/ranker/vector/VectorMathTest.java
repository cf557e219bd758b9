package dev.recsys.ranker.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorMathTest {
    @Test
    void dotAndNormOfKnownVectors() {
        assertEquals(11.0, VectorMath.dot(new float[] {1, 2}, new float[] {3, 4}), 1e-12);
        assertEquals(5.0, VectorMath.norm(new float[] {3, 4}), 1e-12);
    }

    @Test
    void cosineOfParallelOrthogonalAndOppositeVectors() {
        assertEquals(1.0, VectorMath.cosine(new float[] {1, 1}, new float[] {2, 2}), 1e-9);
        assertEquals(0.0, VectorMath.cosine(new float[] {1, 0}, new float[] {0, 3}), 1e-12);
        assertEquals(-1.0, VectorMath.cosine(new float[] {1, 2}, new float[] {-1, -2}), 1e-9);
    }

    @Test
    void cosineWithAZeroVectorIsZero() {
        assertEquals(0.0, VectorMath.cosine(new float[] {0, 0}, new float[] {1, 2}));
    }

    @Test
    void normalizedHasUnitLengthAndLeavesTheInputAlone() {
        Random random = new Random(7);
        for (int trial = 0; trial < 100; trial++) {
            float[] v = new float[16];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextGaussian();
            }
            float[] copy = v.clone();
            float[] unit = VectorMath.normalized(v);
            assertEquals(1.0, VectorMath.norm(unit), 1e-6);
            assertArrayEquals(copy, v);
            assertEquals(1.0, VectorMath.cosine(unit, v), 1e-6);
        }
    }

    @Test
    void normalizingAVectorWithoutDirectionGivesZeros() {
        assertArrayEquals(new float[] {0, 0}, VectorMath.normalized(new float[] {0, 0}));
        float[] infinite = {Float.POSITIVE_INFINITY, 1};
        VectorMath.normalizeInPlace(infinite);
        assertArrayEquals(new float[] {0, 0}, infinite);
    }

    @Test
    void addScaledAndScaleInPlace() {
        float[] target = {1, 1};
        VectorMath.addScaled(target, -2, new float[] {1, 3});
        assertArrayEquals(new float[] {-1, -5}, target);
        VectorMath.scaleInPlace(target, 0.5);
        assertArrayEquals(new float[] {-0.5f, -2.5f}, target);
    }

    @Test
    void isZeroOnlyForAllZeros() {
        assertTrue(VectorMath.isZero(new float[] {0, -0f}));
        assertFalse(VectorMath.isZero(new float[] {0, 1e-30f}));
    }

    @Test
    void rejectsVectorsOfDifferentLengthsSayingBoth() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> VectorMath.dot(new float[] {1, 2}, new float[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("2") && e.getMessage().contains("3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VectorMath.addScaled(new float[1], 1, new float[2]));
    }
}
