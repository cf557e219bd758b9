package dev.recsys.index.users;

import com.github.jelmerk.hnswlib.core.Item;

/**
 * A shopper's unit-length CF vector as an HNSW node. Its version is the {@link ShopperIndex}'s own,
 * raised with every change, so hnswlib never refuses a replacement: which record is newer the index
 * decides before.
 */
record ShopperVector(String id, float[] vector, long version) implements Item<String, float[]> {

    @Override
    public int dimensions() {
        return vector.length;
    }

    /**
     * The unit-length copy of a CF vector, or {@code null} when it gives no direction to compare
     * (absent, empty, all zeros, or with a non-finite component): such a shopper has no neighbours.
     */
    static float[] unit(float[] cf) {
        if (cf == null || cf.length == 0) {
            return null;
        }
        double squares = 0;
        for (float value : cf) {
            squares += (double) value * value;
        }
        double norm = Math.sqrt(squares);
        if (norm == 0 || !Double.isFinite(norm)) {
            return null;
        }
        float[] unit = new float[cf.length];
        for (int i = 0; i < cf.length; i++) {
            unit[i] = (float) (cf[i] / norm);
        }
        return unit;
    }
}
