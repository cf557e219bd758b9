package dev.recsys.ranker.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ExposureLedgerTest {
    private static final long MINUTE = 60_000;
    /** Weights by hand: 1/log2(2) = 1, 1/log2(3) = 0.6309297535714575, 1/log2(4) = 0.5. */
    private static final double W1 = 1;

    private static final double W2 = 0.6309297535714575;
    private static final double W3 = 0.5;
    /** Fixed-point rounding is at most half a unit per item. */
    private static final double EPS = 1e-8;

    private static ExposureConfig minutes(int window, int maxSellers, int top) {
        return new ExposureConfig(Duration.ofMinutes(window), Duration.ofMinutes(1), maxSellers, top);
    }

    private static ServedItem item(String id, String seller, boolean isProtected) {
        return new ServedItem(id, seller, isProtected);
    }

    @Test
    void weightsAreTheDcgDiscountOfOneBasedPositions() {
        assertEquals(W1, ExposureLedger.weight(1), 1e-15);
        assertEquals(W2, ExposureLedger.weight(2), 1e-15);
        assertEquals(W3, ExposureLedger.weight(3), 1e-15);
        assertEquals(1.0 / 3, ExposureLedger.weight(7), 1e-15);
        assertEquals(0.1, ExposureLedger.weight(1023), 1e-15);
        assertEquals(Math.round(ExposureLedger.weight(5000) / ExposureLedger.UNIT), ExposureLedger.weightUnits(5000));
        assertThrows(IllegalArgumentException.class, () -> ExposureLedger.weight(0));
    }

    @Test
    void aReportAddsUpHandComputedExposure() {
        ExposureLedger ledger = new ExposureLedger(minutes(15, 100, 10), () -> 0);
        long now = 1_000 * MINUTE + 5;
        ledger.record(List.of(item("a", "s1", true), item("b", "s2", false), item("c", "s1", false)), now);

        ExposureReport one = ledger.report(now);
        double total = W1 + W2 + W3; // 2.1309297535714578
        assertEquals(1, one.rankings());
        assertEquals(3, one.items());
        assertEquals(1, one.protectedItems());
        assertEquals(total, one.exposure(), EPS);
        assertEquals(W1, one.protectedExposure(), EPS);
        assertEquals(0.46927872602275644, one.protectedExposureShare(), EPS);
        assertEquals(1.0 / 3, one.protectedItemShare(), 1e-15);
        assertEquals(2, one.sellers());
        assertEquals(0, one.untrackedSellerShare());
        assertEquals("s1", one.largestSeller());
        assertEquals(0.7039180890341347, one.largestSellerShare(), EPS);
        assertEquals(List.of("s1", "s2"), sellerIds(one));
        assertEquals(W1 + W3, one.topSellers().get(0).exposure(), EPS);
        assertEquals(0.2960819109658652, one.topSellers().get(1).share(), EPS);
        assertEquals(now, one.windowEnd());
        assertEquals((1_000 - 14) * MINUTE, one.windowStart());

        ledger.record(List.of(item("d", "s3", true)), now + 10);
        ExposureReport two = ledger.report(now + 10);
        assertEquals(2, two.rankings());
        assertEquals(2, two.protectedItems());
        assertEquals(total + W1, two.exposure(), EPS);
        assertEquals(2 / (total + W1), two.protectedExposureShare(), EPS);
        assertEquals(0.5, two.protectedItemShare(), 1e-15);
        assertEquals(List.of("s1", "s3", "s2"), sellerIds(two));
    }

    @Test
    void anEmptyWindowReportsZerosNotNaN() {
        ExposureReport empty = new ExposureLedger(ExposureConfig.defaults(), () -> 0).report(123);
        assertEquals(0, empty.rankings());
        assertEquals(0, empty.exposure());
        assertEquals(0, empty.protectedExposureShare());
        assertEquals(0, empty.protectedItemShare());
        assertEquals(0, empty.largestSellerShare());
        assertNull(empty.largestSeller());
        assertTrue(empty.topSellers().isEmpty());
    }

    @Test
    void anEmptyRankingCountsAsServedWithoutExposure() {
        ExposureLedger ledger = new ExposureLedger(ExposureConfig.defaults(), () -> 0);
        ledger.record(List.of(), 0);
        assertEquals(1, ledger.report(0).rankings());
        assertEquals(0, ledger.report(0).items());
    }

    @Test
    void oldBucketsExpireOneBucketAtATime() {
        AtomicLong clock = new AtomicLong();
        ExposureLedger ledger = new ExposureLedger(minutes(3, 100, 10), clock::get);
        List<ServedItem> ranking = List.of(item("a", "s1", false));
        ledger.record(ranking); // bucket 0
        clock.set(MINUTE);
        ledger.record(ranking); // bucket 1
        clock.set(2 * MINUTE + 30_000);
        ledger.record(ranking); // bucket 2

        clock.set(3 * MINUTE - 1);
        assertEquals(3, ledger.report().rankings());
        assertEquals(0, ledger.report().windowStart());

        clock.set(3 * MINUTE); // bucket 3 is current, bucket 0 has left the window
        assertEquals(2, ledger.report().rankings());
        assertEquals(MINUTE, ledger.report().windowStart());
        ledger.record(ranking); // takes bucket 0's slot
        assertEquals(3, ledger.report().rankings());

        // A ranking stamped with a time the ring has moved past is dropped, not added to a newer bucket.
        ledger.record(ranking, 10);
        assertEquals(3, ledger.report().rankings());

        clock.set(10 * MINUTE);
        ExposureReport later = ledger.report();
        assertEquals(0, later.rankings());
        assertEquals(0, later.exposure());
        assertNull(later.largestSeller());
        assertEquals(8 * MINUTE, later.windowStart());
    }

    @Test
    void sellersBeyondTheCapAreFoldedIntoOther() {
        ExposureLedger ledger = new ExposureLedger(minutes(15, 2, 10), () -> 0);
        ledger.record(List.of(item("x", "s1", false), item("y", "s2", false), item("z", "s3", false)), 0);
        double total = W1 + W2 + W3;

        ExposureReport report = ledger.report(0);
        assertEquals(2, report.sellers());
        assertEquals(List.of("s1", "s2"), sellerIds(report));
        assertEquals(W3 / total, report.untrackedSellerShare(), EPS);
        assertEquals(1 / total, report.largestSellerShare(), EPS);
        assertEquals(total, report.exposure(), EPS);

        // A new bucket tracks the sellers it sees first: s3 now has its own entry (a lower bound).
        ledger.record(List.of(item("z", "s3", false)), MINUTE);
        ExposureReport next = ledger.report(MINUTE);
        assertEquals(3, next.sellers());
        assertEquals(List.of("s1", "s3", "s2"), sellerIds(next));
        assertEquals(W1, next.topSellers().get(1).exposure(), EPS);
        assertEquals(W3 / (total + W1), next.untrackedSellerShare(), EPS);
    }

    @Test
    void theReportListsTheTopSellersButAlwaysNamesTheLargest() {
        ExposureLedger ledger = new ExposureLedger(minutes(15, 100, 0), () -> 0);
        ledger.record(List.of(item("x", "s9", false), item("y", "s2", false)), 0);
        ExposureReport report = ledger.report(0);
        assertTrue(report.topSellers().isEmpty());
        assertEquals("s9", report.largestSeller());
        assertEquals(1 / (W1 + W2), report.largestSellerShare(), EPS);
    }

    @Test
    void concurrentRecordingAddsUpExactlyLikeSequentialRecording() throws Exception {
        int threads = 8;
        int perThread = 4_000;
        long base = 500 * MINUTE;
        ExposureConfig config = minutes(15, 1_000, 1_000);
        List<List<Timed>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(rankings(new Random(42 + t), perThread, 40, base));
        }

        ExposureLedger concurrent = new ExposureLedger(config, () -> 0);
        runConcurrently(work, concurrent);
        ExposureLedger sequential = new ExposureLedger(config, () -> 0);
        long items = 0;
        double exposure = 0;
        for (List<Timed> list : work) {
            for (Timed timed : list) {
                sequential.record(timed.ranking(), timed.at());
                items += timed.ranking().size();
                for (int i = 1; i <= timed.ranking().size(); i++) {
                    exposure += ExposureLedger.weight(i);
                }
            }
        }

        long now = base + 5 * MINUTE;
        ExposureReport report = concurrent.report(now);
        assertEquals(sequential.report(now), report, "fixed-point sums do not depend on the order");
        assertEquals((long) threads * perThread, report.rankings());
        assertEquals(items, report.items());
        assertEquals(exposure, report.exposure(), items * ExposureLedger.UNIT / 2, "rounding: half a unit per item");
        assertEquals(40, report.sellers());
        double shares = report.topSellers().stream()
                .mapToDouble(ExposureReport.SellerExposure::share)
                .sum();
        assertEquals(1, shares, 1e-12);
    }

    @Test
    void theSellerCapHoldsUnderConcurrentNewcomers() throws Exception {
        ExposureConfig config = minutes(1, 10, 1_000);
        List<List<Timed>> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            work.add(rankings(new Random(7 + t), 2_000, 200, 0));
        }
        ExposureLedger ledger = new ExposureLedger(config, () -> 0);
        runConcurrently(work, ledger);

        ExposureReport report = ledger.report(MINUTE - 1);
        assertEquals(10, report.sellers());
        double tracked = report.topSellers().stream()
                .mapToDouble(ExposureReport.SellerExposure::exposure)
                .sum();
        assertEquals(report.exposure(), tracked + report.untrackedSellerShare() * report.exposure(), 1e-6);
        assertTrue(report.untrackedSellerShare() > 0.5, "most of 200 sellers are folded");
    }

    @Test
    void badConfigurationsAreRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new ExposureConfig(Duration.ofSeconds(90), Duration.ofMinutes(1), 10, 10));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ExposureConfig(Duration.ofMinutes(1), Duration.ofMinutes(2), 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new ExposureConfig(Duration.ZERO, Duration.ZERO, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> minutes(15, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> minutes(15, 10, -1));
        assertEquals(15, ExposureConfig.defaults().buckets());
    }

    /** A ranking and the time it was served. */
    private record Timed(List<ServedItem> ranking, long at) {}

    /** Seeded rankings of 0 to 30 items from {@code sellers} sellers, spread over five buckets. */
    private static List<Timed> rankings(Random random, int count, int sellers, long base) {
        List<Timed> out = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            int length = random.nextInt(31);
            List<ServedItem> ranking = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                int seller = random.nextInt(sellers);
                ranking.add(item("p" + random.nextInt(10_000), "s" + seller, seller % 3 == 0));
            }
            long at = base == 0 ? random.nextInt((int) MINUTE) : base + random.nextInt((int) (5 * MINUTE));
            out.add(new Timed(ranking, at));
        }
        return out;
    }

    /** Each list on its own thread, all started together. */
    private static void runConcurrently(List<List<Timed>> work, ExposureLedger ledger) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (List<Timed> list : work) {
                done.add(pool.submit(() -> {
                    start.await();
                    list.forEach(timed -> ledger.record(timed.ranking(), timed.at()));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> sellerIds(ExposureReport report) {
        return report.topSellers().stream()
                .map(ExposureReport.SellerExposure::sellerId)
                .toList();
    }
}
