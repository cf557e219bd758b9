package dev.recsys.ranker.vector;

/** Dense float-vector arithmetic shared by the stream job, the index service and evaluation. */
public final class VectorMath {
    private VectorMath() {}

    public static double dot(float[] a, float[] b) {
        checkSameLength(a, b);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    public static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** Cosine similarity; 0 when either vector is all zeros. */
    public static double cosine(float[] a, float[] b) {
        double denominator = norm(a) * norm(b);
        return denominator == 0 ? 0 : dot(a, b) / denominator;
    }

    /** A unit-length copy, or an all-zero copy when the input has no direction. */
    public static float[] normalized(float[] a) {
        float[] out = a.clone();
        normalizeInPlace(out);
        return out;
    }

    public static void normalizeInPlace(float[] a) {
        double norm = norm(a);
        if (norm == 0 || !Double.isFinite(norm)) {
            java.util.Arrays.fill(a, 0f);
            return;
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (a[i] / norm);
        }
    }

    /** {@code target += scale * source}. */
    public static void addScaled(float[] target, double scale, float[] source) {
        checkSameLength(target, source);
        for (int i = 0; i < target.length; i++) {
            target[i] = (float) (target[i] + scale * source[i]);
        }
    }

    public static void scaleInPlace(float[] target, double scale) {
        for (int i = 0; i < target.length; i++) {
            target[i] = (float) (target[i] * scale);
        }
    }

    public static boolean isZero(float[] a) {
        for (float v : a) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }

    private static void checkSameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vector lengths differ: " + a.length + " vs " + b.length);
        }
    }
}
