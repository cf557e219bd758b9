package dev.recsys.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.records.EventType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ItemKnnWindowTest {
    private static final ProfileConfig PROFILE = ProfileConfig.defaults();

    private static Interaction view(int user, int item, long ts) {
        return new Interaction(user, item, ts, EventType.VIEW, null);
    }

    /** sim(i, j) from i's neighbour list, 0 when j is not on it. */
    private static double sim(ItemKnn knn, int i, int j) {
        for (int n = 0; n < knn.neighbourCount(i); n++) {
            if (knn.neighbour(i, n) == j) {
                return knn.similarity(i, n);
            }
        }
        return 0;
    }

    @Test
    void onlyItemsCloseInTheShoppersHistoryCoOccur() {
        // Shopper 0 takes items 0, 1, 2, 3 one after the other; shopper 1 takes items 0 and 3.
        TrainingData data = new TrainingData(
                2,
                4,
                List.of(view(0, 0, 10), view(0, 1, 20), view(0, 2, 30), view(0, 3, 40), view(1, 3, 5), view(1, 0, 6)),
                PROFILE);
        ItemKnn adjacent = new ItemKnn(data, 10, 1);
        assertEquals(1 / Math.sqrt(2), sim(adjacent, 0, 1), 1e-6);
        assertEquals(0, sim(adjacent, 0, 2), "one item between them");
        // Items 0 and 3: three apart for shopper 0, adjacent for shopper 1 (in either order of time).
        assertEquals(1 / 2.0, sim(adjacent, 0, 3), 1e-6);
        ItemKnn two = new ItemKnn(data, 10, 2);
        assertEquals(1 / Math.sqrt(2), sim(two, 0, 2), 1e-6);
        assertEquals(1 / 2.0, sim(two, 3, 0), 1e-6);
        ItemKnn plain = new ItemKnn(data, 10);
        assertEquals(2 / 2.0, sim(plain, 0, 3), 1e-6);
        assertEquals(ItemKnn.NO_WINDOW, plain.window());
    }

    @Test
    void itemsAtTheSameTimeAlwaysCoOccurAndCountAsOnePlace() {
        // Items 1 and 2 at the same time: 0 → {1, 2} → 3. With a window of 1 every step is adjacent,
        // so 0 reaches 1 and 2, 1 and 2 reach each other and 3, but 0 does not reach 3.
        TrainingData data = new TrainingData(
                1, 4, List.of(view(0, 0, 10), view(0, 2, 20), view(0, 1, 20), view(0, 3, 30)), PROFILE);
        ItemKnn knn = new ItemKnn(data, 10, 1);
        assertEquals(1.0, sim(knn, 0, 1), 1e-6);
        assertEquals(1.0, sim(knn, 0, 2), 1e-6);
        assertEquals(1.0, sim(knn, 1, 2), 1e-6);
        assertEquals(1.0, sim(knn, 1, 3), 1e-6);
        assertEquals(1.0, sim(knn, 2, 3), 1e-6);
        assertEquals(0, sim(knn, 0, 3));
    }

    @Test
    void aShopperRepeatingAnItemCountsItsLatestTime() {
        // Item 0 first at 10, again at 50: its place is after item 2, so with a window of 1 it is next to
        // item 2 only.
        TrainingData data = new TrainingData(
                1, 3, List.of(view(0, 0, 10), view(0, 1, 20), view(0, 2, 30), view(0, 0, 50)), PROFILE);
        ItemKnn knn = new ItemKnn(data, 10, 1);
        assertEquals(1.0, sim(knn, 0, 2), 1e-6);
        assertEquals(0, sim(knn, 0, 1));
    }

    @Test
    void aWindowAsLongAsEveryHistoryIsThePlainCosineAndOrderDoesNotMatter() {
        Random random = new Random(20261124L);
        List<Interaction> interactions = new ArrayList<>();
        for (int u = 0; u < 30; u++) {
            for (int n = 0; n < 12; n++) {
                interactions.add(view(u, random.nextInt(25), random.nextInt(6)));
            }
        }
        TrainingData data = new TrainingData(30, 25, interactions, PROFILE);
        List<Interaction> shuffled = new ArrayList<>(interactions);
        Collections.shuffle(shuffled, random);
        TrainingData same = new TrainingData(30, 25, shuffled, PROFILE);
        ItemKnn plain = new ItemKnn(data, 25);
        ItemKnn wide = new ItemKnn(data, 25, 12);
        ItemKnn narrow = new ItemKnn(data, 25, 2);
        ItemKnn narrowShuffled = new ItemKnn(same, 25, 2);
        for (int i = 0; i < 25; i++) {
            for (int j = 0; j < 25; j++) {
                assertEquals(sim(plain, i, j), sim(wide, i, j), 1e-6);
                assertEquals(sim(narrow, i, j), sim(narrowShuffled, i, j), 1e-6);
                assertEquals(sim(narrow, i, j), sim(narrow, j, i), 1e-6, "symmetric");
            }
        }
    }

    @Test
    void rejectsAWindowBelowOne() {
        TrainingData data = new TrainingData(1, 2, List.of(view(0, 0, 1), view(0, 1, 2)), PROFILE);
        assertThrows(IllegalArgumentException.class, () -> new ItemKnn(data, 5, 0));
    }
}
