package dev.recsys.ranker.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.rank.BlendWeights;
import dev.recsys.ranker.rank.Candidate;
import dev.recsys.ranker.rank.RankedItem;
import dev.recsys.ranker.rank.ScoreBlender;
import dev.recsys.ranker.rank.ScoreSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Invariants of the fairness pass over seeded random candidate lists. */
class FairRerankerPropertyTest {
    private static final int LISTS = 500;

    /** Random candidates, blended; {@code protectedShare} of them protected, spread over sellers. */
    static List<RankedItem> randomBlended(Random random, int n, double protectedShare, int sellers) {
        List<Candidate> candidates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<ScoreSource, Double> raw = new EnumMap<>(ScoreSource.class);
            raw.put(ScoreSource.CONTENT, random.nextDouble());
            if (random.nextBoolean()) {
                raw.put(ScoreSource.CF, random.nextGaussian());
            }
            raw.put(ScoreSource.POPULARITY, (double) random.nextInt(1000));
            candidates.add(new Candidate(
                    "item-" + i,
                    "seller-" + random.nextInt(sellers),
                    "cat-" + random.nextInt(5),
                    random.nextDouble() < protectedShare,
                    raw,
                    Set.of(random.nextBoolean() ? "knn-content" : "trending")));
        }
        return new ScoreBlender().blend(candidates, BlendWeights.defaults());
    }

    @Test
    void quotaAndSellerCapHoldAtEveryPrefixWithTheDefaults() {
        Random random = new Random(20170606L);
        FairReranker reranker = new FairReranker(FairnessConfig.defaults());
        for (int list = 0; list < LISTS; list++) {
            int n = 100 + random.nextInt(401);
            int k = 5 + random.nextInt(46);
            List<RankedItem> blended =
                    randomBlended(random, n, 0.1 + 0.5 * random.nextDouble(), 30 + random.nextInt(50));
            FairRanking ranking = reranker.rerank(blended, k);
            FairnessReport report = ranking.report();
            int[] m = reranker.table(k).toArray();
            int protectedSoFar = 0;
            Map<String, Integer> perSeller = new HashMap<>();
            for (int i = 0; i < k; i++) {
                RankedItem item = ranking.items().get(i);
                protectedSoFar += item.protectedItem() ? 1 : 0;
                assertTrue(protectedSoFar >= m[i], "list " + list + ": prefix " + (i + 1) + " below m(i)");
                perSeller.merge(item.sellerId(), 1, Integer::sum);
            }
            int cap = FairnessConfig.defaults().sellerCap(k);
            for (int count : perSeller.values()) {
                assertTrue(count <= cap, "list " + list + ": a seller holds " + count + " > " + cap);
            }
            assertTrue(report.quotaMet(), "list " + list);
            assertTrue(report.enoughProtectedCandidates(), "list " + list);
            assertEquals("", report.note(), "list " + list);
            checkConsistency(blended, k, ranking, reranker);
        }
    }

    @Test
    void invariantsHoldForAnyConfiguration() {
        Random random = new Random(31L);
        double[] proportions = {0, 0.1, 0.3, 0.5, 0.7, 0.9};
        double[] shares = {0.1, 0.2, 0.3, 0.5, 1};
        for (int list = 0; list < LISTS; list++) {
            FairnessConfig config = new FairnessConfig(
                    proportions[random.nextInt(proportions.length)],
                    0.05 + 0.1 * random.nextDouble(),
                    random.nextBoolean(),
                    shares[random.nextInt(shares.length)]);
            int n = 1 + random.nextInt(300);
            int k = 1 + random.nextInt(60);
            List<RankedItem> blended = randomBlended(random, n, random.nextDouble() * 0.8, 1 + random.nextInt(40));
            FairReranker reranker = new FairReranker(config);
            FairRanking ranking = reranker.rerank(blended, k);
            String label = "list " + list + " " + config + " n=" + n + " k=" + k;
            checkConsistency(blended, k, ranking, reranker);
            assertEquals(ranking, reranker.rerank(blended, k), label + ": deterministic");

            int size = ranking.items().size();
            FairnessReport report = ranking.report();
            int available =
                    (int) blended.stream().filter(RankedItem::protectedItem).count();
            int needed = reranker.table(size).minProtected(size);
            assertEquals(available >= needed, report.enoughProtectedCandidates(), label);

            // The cap is relaxed exactly when the sellers cannot fill the ranking under it.
            int cap = config.sellerCap(size);
            Map<String, Integer> supply = new HashMap<>();
            blended.forEach(item -> supply.merge(item.sellerId(), 1, Integer::sum));
            int placeableUnderCap =
                    supply.values().stream().mapToInt(c -> Math.min(c, cap)).sum();
            boolean relaxed = report.note().contains("without the cap");
            assertEquals(placeableUnderCap < size, relaxed, label);
            if (!relaxed) {
                Map<String, Integer> perSeller = new HashMap<>();
                ranking.items().forEach(item -> perSeller.merge(item.sellerId(), 1, Integer::sum));
                perSeller.values().forEach(c -> assertTrue(c <= cap, label + ": seller over the cap"));
                checkGroupOrderKept(ranking, label);
            }
            if (!config.sellerCapEnabled()) {
                // Pure FA*IR: each group contributes a prefix of itself, and the quota is met when it can be.
                checkGroupsArePrefixes(blended, ranking, label);
                assertEquals(report.enoughProtectedCandidates(), report.quotaMet(), label);
                if (!report.enoughProtectedCandidates()) {
                    assertEquals(available, report.protectedCount(), label + ": every protected item placed");
                }
            }
        }
    }

    /** What every ranking must satisfy whatever the configuration. */
    private static void checkConsistency(List<RankedItem> blended, int k, FairRanking ranking, FairReranker reranker) {
        int size = Math.min(k, blended.size());
        List<RankedItem> items = ranking.items();
        FairnessReport report = ranking.report();
        assertEquals(size, items.size());
        assertEquals(size, report.k());
        Map<String, RankedItem> byId = new HashMap<>();
        blended.forEach(item -> byId.put(item.itemId(), item));
        Set<String> seen = new HashSet<>();
        int[] protectedAtPrefix = new int[size];
        int protectedSoFar = 0;
        Map<String, Integer> perSeller = new HashMap<>();
        for (int i = 0; i < size; i++) {
            RankedItem item = items.get(i);
            assertTrue(seen.add(item.itemId()), "duplicate " + item.itemId());
            RankedItem original = byId.get(item.itemId());
            assertEquals(original.withMovedByFairness(item.movedByFairness()), item, "only the flag may change");
            assertEquals(i + 1 < item.blendedRank(), item.movedByFairness(), item.itemId());
            protectedSoFar += item.protectedItem() ? 1 : 0;
            protectedAtPrefix[i] = protectedSoFar;
            perSeller.merge(item.sellerId(), 1, Integer::sum);
        }
        assertArrayEquals(protectedAtPrefix, report.protectedAtPrefix());
        assertArrayEquals(reranker.table(size).toArray(), report.minProtectedAtPrefix());
        assertEquals(protectedSoFar, report.protectedCount());
        assertEquals(protectedSoFar / (double) size, report.protectedShare(), 1e-12);
        assertEquals(reranker.table(size).isSatisfiedBy(protectedAtPrefix), report.quotaMet());
        int largest =
                perSeller.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertEquals(largest, perSeller.get(report.largestSeller()));
        assertEquals(largest / (double) size, report.largestSellerShare(), 1e-12);
    }

    /** Within each group, items keep their blended order. */
    private static void checkGroupOrderKept(FairRanking ranking, String label) {
        int lastProtected = 0;
        int lastUnprotected = 0;
        for (RankedItem item : ranking.items()) {
            if (item.protectedItem()) {
                assertTrue(item.blendedRank() > lastProtected, label);
                lastProtected = item.blendedRank();
            } else {
                assertTrue(item.blendedRank() > lastUnprotected, label);
                lastUnprotected = item.blendedRank();
            }
        }
    }

    /** Without a cap, the ranking takes the best protected and the best unprotected items, no others. */
    private static void checkGroupsArePrefixes(List<RankedItem> blended, FairRanking ranking, String label) {
        List<String> protectedIds = new ArrayList<>();
        List<String> unprotectedIds = new ArrayList<>();
        for (RankedItem item : ranking.items()) {
            (item.protectedItem() ? protectedIds : unprotectedIds).add(item.itemId());
        }
        List<String> bestProtected = blended.stream()
                .filter(RankedItem::protectedItem)
                .limit(protectedIds.size())
                .map(RankedItem::itemId)
                .toList();
        List<String> bestUnprotected = blended.stream()
                .filter(item -> !item.protectedItem())
                .limit(unprotectedIds.size())
                .map(RankedItem::itemId)
                .toList();
        assertEquals(bestProtected, protectedIds, label);
        assertEquals(bestUnprotected, unprotectedIds, label);
    }
}
