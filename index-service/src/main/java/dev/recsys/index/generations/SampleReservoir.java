package dev.recsys.index.generations;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded uniform sample of the itemIds a build indexed (Vitter's algorithm R), so that the validation
 * gate queries the same items for the same source every time.
 */
final class SampleReservoir {
    private final int size;
    private final Random random;
    private final List<String> sample = new ArrayList<>();

    SampleReservoir(int size, long seed) {
        this.size = size;
        this.random = new Random(seed);
    }

    /** Offers the {@code n}-th item (1-based) of the stream. */
    void offer(String itemId, long n) {
        if (sample.size() < size) {
            sample.add(itemId);
        } else {
            long r = (long) (random.nextDouble() * n);
            if (r < size) {
                sample.set((int) r, itemId);
            }
        }
    }

    List<String> items() {
        return sample;
    }
}
