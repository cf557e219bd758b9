package dev.recsys.index.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.records.Erasure;
import dev.recsys.ranker.records.UserVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The store's rules for erased shoppers: which records it keeps, refuses or ignores, and its counts. */
class UserVectorStoreErasureTest {
    private static final long ERASED_AT = 1_700_000_000_000L;

    /** A record with a CF vector pointing along {@code cf}. */
    private static UserVectors record(String user, long version, long erasedUpTo, float... cf) {
        return ShopperIndexTest.shopper(user, version, cf).withErasedUpTo(erasedUpTo);
    }

    private static List<String> neighbours(UserVectorStore store, float... cf) {
        return store.shoppers().nearest(cf, 10, null).stream()
                .map(SimilarShopper::userId)
                .toList();
    }

    @Test
    void anErasureRemovesTheShopperFromTheStoreAndTheShopperIndexAtOnce() {
        UserVectorStore store = new UserVectorStore();
        store.offer(record("u1", 5, 0, 1, 0));
        store.offer(record("u2", 2, 0, 0.8f, 0.6f));

        assertTrue(store.erase(new Erasure("u1", ERASED_AT)));
        assertTrue(store.get("u1").isEmpty());
        assertFalse(store.shoppers().contains("u1"));
        assertEquals(List.of("u2"), neighbours(store, 1, 0));
        assertEquals(1, store.size());
        assertEquals(OptionalLong.of(ERASED_AT), store.erasedAt("u1"));
        assertEquals(OptionalLong.empty(), store.erasedAt("u2"));
        assertEquals(1, store.erasureCount());
    }

    @Test
    void whoeverDerivedSomethingFromAShopperIsToldWhenTheStoreForgetsThem() {
        UserVectorStore store = new UserVectorStore();
        List<String> forgotten = new ArrayList<>();
        store.onForget(forgotten::add);
        store.offer(record("u1", 5, 0, 1, 0));
        store.offer(record("u2", 2, 0, 0.8f, 0.6f));

        store.erase(new Erasure("u1", ERASED_AT));
        store.erase(new Erasure("u1", ERASED_AT - 1)); // an older erasure changes nothing
        store.remove("u2");

        assertEquals(List.of("u1", "u2"), forgotten);
    }

    @Test
    void anErasureOfAShopperNeverSeenIsRememberedAllTheSame() {
        UserVectorStore store = new UserVectorStore();
        assertTrue(store.erase(new Erasure("never-seen", ERASED_AT)));
        assertEquals(1, store.erasureCount());
        assertEquals(0, store.size());

        assertFalse(store.offer(record("never-seen", 9, 0, 1, 0)), "a record from before the erasure");
        assertTrue(store.get("never-seen").isEmpty());
    }

    @Test
    void recordsWrittenBeforeTheErasureAreRefusedAndCountedApart() {
        UserVectorStore store = new UserVectorStore();
        store.offer(record("u1", 5, 0, 1, 0));
        store.erase(new Erasure("u1", ERASED_AT));

        assertFalse(store.offer(record("u1", 6, 0, 1, 0)), "still in flight from the stream job");
        assertFalse(store.offer(record("u1", 3, ERASED_AT - 1, 1, 0)), "after an earlier erasure");
        assertTrue(store.get("u1").isEmpty());
        assertFalse(store.shoppers().contains("u1"));
        assertEquals(2, store.erasedCount());
        assertEquals(0, store.ignoredCount());
        assertEquals(1, store.appliedCount());
    }

    @Test
    void theProfileStartedAfterTheErasureIsServedAndOrderedByVersion() {
        UserVectorStore store = new UserVectorStore();
        store.offer(record("u1", 500, 0, 1, 0));
        store.erase(new Erasure("u1", ERASED_AT));

        assertTrue(store.offer(record("u1", 1, ERASED_AT, 0, 1)));
        assertTrue(store.offer(record("u1", 3, ERASED_AT, 0, 1)));
        assertFalse(store.offer(record("u1", 2, ERASED_AT, 0, 1)), "an older version of the new profile");

        UserVectors held = store.get("u1").orElseThrow();
        assertEquals(3, held.version());
        assertEquals(ERASED_AT, held.erasedUpTo());
        assertEquals(List.of("u1"), neighbours(store, 0, 1));
        assertEquals(1, store.ignoredCount());
    }

    @Test
    void withoutAKnownErasureALaterErasureTimeStillSupersedesAnyVersion() {
        UserVectorStore store = new UserVectorStore();
        store.offer(record("u1", 500, 0, 1, 0));

        assertTrue(store.offer(record("u1", 1, ERASED_AT, 0, 1)), "the job erased the shopper and started again");
        assertFalse(store.offer(record("u1", 501, 0, 1, 0)), "the old profile does not come back");
        assertEquals(1, store.get("u1").orElseThrow().version());
        assertEquals(List.of("u1"), neighbours(store, 0, 1));
    }

    @Test
    void erasingAgainIsHarmlessAndOnlyALaterErasureRemovesTheNewProfile() {
        UserVectorStore store = new UserVectorStore();
        store.erase(new Erasure("u1", ERASED_AT));
        store.offer(record("u1", 1, ERASED_AT, 1, 0));

        assertFalse(store.erase(new Erasure("u1", ERASED_AT)), "the same erasure read back from the topic");
        assertFalse(store.erase(new Erasure("u1", ERASED_AT - 5)), "an earlier one");
        assertEquals(1, store.get("u1").orElseThrow().version(), "the new profile stays");
        assertEquals(OptionalLong.of(ERASED_AT), store.erasedAt("u1"));

        assertTrue(store.erase(new Erasure("u1", ERASED_AT + 10)), "a second erasure");
        assertTrue(store.get("u1").isEmpty());
        assertFalse(store.offer(record("u1", 2, ERASED_AT, 1, 0)));
        assertEquals(2, store.erasuresApplied());
        assertEquals(1, store.erasureCount());
    }

    @Test
    void aTombstoneRemovesTheProfileStartedAfterTheErasure() {
        UserVectorStore store = new UserVectorStore();
        store.erase(new Erasure("u1", ERASED_AT));
        store.offer(record("u1", 1, ERASED_AT, 1, 0));

        store.remove("u1");
        assertTrue(store.get("u1").isEmpty());
        assertFalse(store.shoppers().contains("u1"));
        assertTrue(store.offer(record("u1", 1, ERASED_AT, 1, 0)), "the job's replay after a restart");
    }

    @Test
    void anErasureRacingOffersNeverLeavesARecordFromBeforeIt() throws Exception {
        int shoppers = 200;
        int versions = 50;
        UserVectorStore store = new UserVectorStore();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            done.add(pool.submit(() -> {
                go.await();
                for (int v = 1; v <= versions; v++) {
                    for (int u = 0; u < shoppers; u++) {
                        store.offer(record("u" + u, v, 0, 1, u));
                    }
                }
                return null;
            }));
            done.add(pool.submit(() -> {
                go.await();
                for (int u = 0; u < shoppers; u++) {
                    store.erase(new Erasure("u" + u, ERASED_AT));
                }
                return null;
            }));
            go.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, store.size());
        assertEquals(0, store.shoppers().size());
        assertEquals(shoppers, store.erasureCount());
        assertEquals((long) shoppers * versions, store.appliedCount() + store.ignoredCount() + store.erasedCount());
    }
}
