package dev.recsys.ranker.eval;

import dev.recsys.ranker.records.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A small seeded data set with structure the models can find: two taste groups and a popular head. */
final class Fixtures {
    static final int USERS = 60;
    static final int ITEMS = 80;

    private Fixtures() {}

    static Dataset twoGroups(long seed) {
        Random random = new Random(seed);
        List<Interaction> all = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            int group = u % 2;
            for (int n = 0; n < 15; n++) {
                int item;
                if (random.nextDouble() < 0.3) {
                    item = random.nextInt(8); // popular head, liked by everyone
                } else {
                    item = 8 + group * 36 + random.nextInt(36);
                }
                all.add(new Interaction(u, item, 1_000_000L * n + u, EventType.RATE, 3.0 + random.nextInt(3)));
            }
        }
        List<String> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            users.add("u" + u);
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            items.add(String.format(java.util.Locale.ROOT, "i%03d", i));
        }
        return new Dataset(users, items, all);
    }

    /** Content vectors: dimension 0 for the head, 1 and 2 for the two groups, plus seeded noise. */
    static float[][] content(long seed) {
        Random random = new Random(seed);
        float[][] vectors = new float[ITEMS][4];
        for (int i = 0; i < ITEMS; i++) {
            int dim = i < 8 ? 0 : i < 44 ? 1 : 2;
            vectors[i][dim] = 1;
            vectors[i][3] = (float) random.nextGaussian() * 0.3f;
        }
        return vectors;
    }
}
