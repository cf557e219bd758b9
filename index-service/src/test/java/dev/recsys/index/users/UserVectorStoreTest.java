package dev.recsys.index.users;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.json.VectorEncoding;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.UserVectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class UserVectorStoreTest {

    private static UserVectors version(String user, long version) {
        return new UserVectors(
                user, version, 1_000 + version, 500 + version, new float[] {version, 1}, null, List.of(), Map.of());
    }

    @Test
    void keepsTheHighestVersionWhateverTheArrivalOrder() {
        UserVectorStore store = new UserVectorStore();
        assertTrue(store.offer(version("u1", 2)));
        assertTrue(store.offer(version("u1", 5)));
        assertFalse(store.offer(version("u1", 3)));
        assertFalse(store.offer(version("u1", 1)));

        assertEquals(5, store.get("u1").orElseThrow().version());
        assertEquals(2, store.appliedCount());
        assertEquals(2, store.ignoredCount());
    }

    @Test
    void ignoresAReplayOfTheSameVersion() {
        UserVectorStore store = new UserVectorStore();
        UserVectors first = version("u1", 7);
        store.offer(first);
        UserVectors replay = new UserVectors("u1", 7, 99_999, 99_999, new float[] {0, 0}, null, List.of(), Map.of());

        assertFalse(store.offer(replay));
        assertEquals(first.updatedAt(), store.get("u1").orElseThrow().updatedAt());
        assertEquals(1, store.ignoredCount());
    }

    @Test
    void keepsShoppersApart() {
        UserVectorStore store = new UserVectorStore();
        store.offer(version("u1", 3));
        store.offer(version("u2", 1));

        assertEquals(2, store.size());
        assertEquals(1, store.get("u2").orElseThrow().version());
        assertTrue(store.get("u3").isEmpty());
        store.remove("u1");
        assertTrue(store.get("u1").isEmpty());
    }

    @Test
    void concurrentWritersLeaveTheHighestVersion() throws Exception {
        List<UserVectors> updates = new ArrayList<>();
        for (int v = 1; v <= 2_000; v++) {
            updates.add(version("u" + (v % 10), v));
            updates.add(version("u" + (v % 10), v)); // every update delivered twice
        }
        Collections.shuffle(updates, new Random(42));
        UserVectorStore store = new UserVectorStore();
        int threads = 4;
        int slice = updates.size() / threads;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<UserVectors> part = updates.subList(t * slice, (t + 1) * slice);
                done.add(pool.submit(() -> part.forEach(store::offer)));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int u = 0; u < 10; u++) {
            long expected = u == 0 ? 2_000 : 1_990 + u;
            assertEquals(expected, store.get("u" + u).orElseThrow().version(), "shopper u" + u);
        }
        assertEquals(updates.size(), store.appliedCount() + store.ignoredCount());
    }

    @Test
    void keepsTheShopperIndexInStep() {
        UserVectorStore store = new UserVectorStore();
        ShopperIndex shoppers = store.shoppers();
        store.offer(ShopperIndexTest.shopper("u1", 2, 1, 0));
        store.offer(ShopperIndexTest.shopper("u2", 1, 0, 1));
        assertEquals(2, shoppers.size());

        assertFalse(store.offer(ShopperIndexTest.shopper("u1", 1, 0, 1)), "an ignored record");
        assertEquals(List.of("u1", "u2"), neighbours(shoppers, 1, 0), "does not touch the index");

        store.offer(ShopperIndexTest.shopper("u1", 3, (float[]) null));
        assertFalse(shoppers.contains("u1"), "a record without cf leaves the index");
        assertTrue(store.get("u1").isPresent(), "but stays in the store");

        store.offer(ShopperIndexTest.shopper("u1", 4, 1, 0));
        assertEquals(List.of("u1", "u2"), neighbours(shoppers, 1, 0));
        store.remove("u1");
        assertEquals(List.of("u2"), neighbours(shoppers, 1, 0), "a tombstone leaves both");
        assertTrue(store.get("u1").isEmpty());
    }

    private static List<String> neighbours(ShopperIndex shoppers, float... cf) {
        return shoppers.nearest(cf, 10, null).stream()
                .map(SimilarShopper::userId)
                .toList();
    }

    @Test
    void readsBackEveryFieldOfARecordOfferedAsBytes() {
        UserVectors user = new UserVectors(
                "u1",
                3,
                1_000,
                900,
                new float[] {0.1f, -2.5f, Float.MIN_VALUE},
                new float[] {1e-7f, 3},
                List.of(
                        new RecentInteraction("i1", EventType.RATE, 900, 4.5),
                        new RecentInteraction("i2", EventType.VIEW, 800)),
                Map.of("view", 1L, "rate", 1L));
        UserVectorStore store = new UserVectorStore();
        assertTrue(store.offer(UserVectorsJson.writeBytes(user, VectorEncoding.ARRAY)));

        UserVectors read = store.get("u1").orElseThrow();
        assertEquals(user.version(), read.version());
        assertEquals(user.updatedAt(), read.updatedAt());
        assertEquals(user.eventTs(), read.eventTs());
        assertArrayEquals(user.content(), read.content());
        assertArrayEquals(user.cf(), read.cf());
        assertEquals(user.recent(), read.recent());
        assertEquals(user.counts(), read.counts());
        assertEquals(1, store.shoppers().size(), "the CF vector went to the shopper index");
    }

    @Test
    void rejectsABrokenRecordAndKeepsTheHeldOne() {
        UserVectorStore store = new UserVectorStore();
        store.offer(version("u1", 2));
        byte[] broken = "{\"userId\":\"u1\",\"version\":9,".getBytes(StandardCharsets.UTF_8);

        assertThrows(InvalidRecordException.class, () -> store.offer(broken));
        assertEquals(2, store.get("u1").orElseThrow().version());
        assertEquals(1, store.appliedCount());
    }
}
