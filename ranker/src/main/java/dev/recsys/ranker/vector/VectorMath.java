package dev.recsys.ranker.vector;

/** Dense float-vector arithmetic shared by the stream job, the index service and evaluation. */
public final class VectorMath {
    private VectorMath() {}

    public static double dot(float[] a, float[] b) {
        checkSameLength(a, b);
        // Four running sums: the additions no longer wait on each other. A float product is exact
        // in a double, so the order of the sums changes the result by a few double ulps at most.
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += (double) a[i] * b[i];
            s1 += (double) a[i + 1] * b[i + 1];
            s2 += (double) a[i + 2] * b[i + 2];
            s3 += (double) a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += (double) a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
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
