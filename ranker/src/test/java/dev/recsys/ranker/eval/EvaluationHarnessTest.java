package dev.recsys.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.cf.AlsModel;
import dev.recsys.ranker.cf.ImplicitAls;
import dev.recsys.ranker.fairness.FairReranker;
import dev.recsys.ranker.fairness.FairnessConfig;
import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.rank.ScoreSource;
import dev.recsys.ranker.records.EventType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationHarnessTest {
    private static final ProfileConfig PROFILE = ProfileConfig.defaults();

    @Test
    void evaluatorAveragesOverShoppersAndAccountsExposure() {
        // 2 shoppers, 4 items; item 3 is the long tail. Shopper 0's held-out item is 1, shopper 1's is 3.
        List<Interaction> train =
                List.of(new Interaction(0, 0, 1, EventType.VIEW, null), new Interaction(1, 0, 1, EventType.VIEW, null));
        TrainingData data = new TrainingData(2, 4, train, PROFILE);
        List<Interaction> test = List.of(
                new Interaction(0, 1, 2, EventType.VIEW, null),
                new Interaction(1, 3, 2, EventType.VIEW, null),
                new Interaction(1, 2, 3, EventType.DISLIKE, null));
        boolean[] tail = {false, false, false, true};
        Evaluator evaluator = new Evaluator(data, test, tail, PROFILE, 2);
        assertEquals(2, evaluator.users());
        // Both get [1, 2, 3] (item 0 is excluded as seen).
        Evaluator.Result result = evaluator.evaluate("fixed", (user, k) -> new int[] {1, 2, 3});
        // Shopper 0: hit at rank 1 -> NDCG 1, MRR 1. Shopper 1: hit at rank 3 -> NDCG 1/log2(4) = 0.5, MRR 1/3.
        assertEquals(0.75, result.ndcg10(), 1e-12);
        assertEquals((1 + 1 / 3.0) / 2, result.mrr10(), 1e-12);
        assertEquals(1.0, result.recall10(), 1e-12);
        // One hit each within 10 places: P@10 = 1/10, R@10 = 1, F1@10 = 2·0.1·1 / 1.1 = 2/11 for both.
        assertEquals(0.1, result.precision10(), 1e-12);
        assertEquals(2 / 11.0, result.f1At10(), 1e-12);
        // Exposure: items 1, 2, 3 each twice, item 0 never: coverage 3/4; Gini of (0,2,2,2) = 0.25.
        assertEquals(0.75, result.coverage(), 1e-12);
        assertEquals(0.25, result.gini(), 1e-12);
        // Long-tail slots: 2 of 6. Exposure: 2·0.5 / (2·(1 + 0.63093 + 0.5)) = 0.23467.
        assertEquals(2 / 6.0, result.longTailCount(), 1e-12);
        assertEquals(0.5 / (1 + 1 / (Math.log(3) / Math.log(2)) + 0.5), result.longTailShare(), 1e-12);
        // Hit rates by place: rank 1 hits for shopper 0, rank 3 for shopper 1; a fourth place is never filled.
        assertArrayEquals(
                new double[] {0.5, 0, 0.5, 0}, evaluator.hitRates((user, k) -> new int[] {1, 2, 3}, 4), 1e-12);
    }

    @Test
    void f1IsAveragedPerShopperNotTakenOfTheAverages() {
        // 2 shoppers, 20 items, both trained on item 0. Shopper 0 holds out item 1; shopper 1 items 2 … 11.
        List<Interaction> train =
                List.of(new Interaction(0, 0, 1, EventType.VIEW, null), new Interaction(1, 0, 1, EventType.VIEW, null));
        TrainingData data = new TrainingData(2, 20, train, PROFILE);
        List<Interaction> test = new java.util.ArrayList<>();
        test.add(new Interaction(0, 1, 2, EventType.VIEW, null));
        for (int item = 2; item <= 11; item++) {
            test.add(new Interaction(1, item, 2, EventType.VIEW, null));
        }
        Evaluator evaluator = new Evaluator(data, test, new boolean[20], PROFILE, 2);
        // Shopper 0: its one item first -> P@10 = 0.1, R@10 = 1, F1 = 0.2 / 1.1 = 2/11.
        // Shopper 1: 5 of its 10 items among the top 10 (items 12 … 19 are misses) -> P = R = F1 = 0.5.
        int[] first = {1, 12, 13, 14, 15, 16, 17, 18, 19, 2};
        int[] second = {2, 12, 3, 13, 4, 14, 5, 15, 6, 16, 7, 8};
        Evaluator.Result result = evaluator.evaluate("fixed", (user, k) -> user == 0 ? first : second);
        assertEquals((0.1 + 0.5) / 2, result.precision10(), 1e-12);
        assertEquals((1 + 0.5) / 2, result.recall10(), 1e-12);
        // Mean of per-shopper F1: (2/11 + 1/2) / 2 = 15/44 = 0.3409. The F1 of the means would be
        // 2·0.3·0.75 / 1.05 = 3/7 = 0.4286: it pairs one shopper's precision with the other's recall.
        assertEquals(15 / 44.0, result.f1At10(), 1e-12);
        assertTrue(Math.abs(result.f1At10() - 3 / 7.0) > 0.05);
    }

    @Test
    void modelsBeatRandomOnStructuredData() {
        Dataset dataset = Fixtures.twoGroups(11);
        TemporalSplit.Split split = TemporalSplit.split(dataset.interactions(), dataset.users(), 0.2);
        TrainingData data = new TrainingData(dataset.users(), dataset.items(), split.train(), PROFILE);
        boolean[] tail = data.longTail(0.2);
        Evaluator evaluator = new Evaluator(data, split.test(), tail, PROFILE, 2);
        AlsModel model = new ImplicitAls(ImplicitAls.Config.defaults()
                        .withFactors(8)
                        .withLambda(1)
                        .withAlpha(1)
                        .withThreads(2))
                .train(data.matrix());
        double random = evaluator
                .evaluate("reverse", (user, k) -> new int[] {79, 78, 77})
                .ndcg10();
        double als = evaluator
                .evaluate("als", Ranker.of(Scorers.als(data, model), data))
                .ndcg10();
        double knn = evaluator
                .evaluate("knn", Ranker.of(new ItemKnn(data, 20).scorer(20), data))
                .ndcg10();
        double content = evaluator
                .evaluate(
                        "content",
                        Ranker.of(
                                Scorers.content(
                                        data,
                                        dataset.itemIds(),
                                        Fixtures.content(3),
                                        PROFILE.withHalfLife(Duration.ofDays(365))),
                                data))
                .ndcg10();
        assertTrue(als > random && knn > random && content > random, als + " " + knn + " " + content + " " + random);
    }

    @Test
    void itemKnnScoresByCosineOfCoOccurrence() {
        // Shoppers 0 and 1 have items 0 and 1; shopper 2 has items 1 and 2; shopper 3 has item 0.
        // |U0| = 3, |U1| = 3, |U2| = 1: sim(0,1) = 2/√9 = 2/3, sim(1,2) = 1/√3, sim(0,2) = 0.
        List<Interaction> train = List.of(
                new Interaction(0, 0, 1, EventType.VIEW, null),
                new Interaction(0, 1, 2, EventType.VIEW, null),
                new Interaction(1, 0, 1, EventType.VIEW, null),
                new Interaction(1, 1, 2, EventType.VIEW, null),
                new Interaction(2, 1, 1, EventType.VIEW, null),
                new Interaction(2, 2, 2, EventType.VIEW, null),
                new Interaction(3, 0, 1, EventType.VIEW, null));
        TrainingData data = new TrainingData(4, 3, train, PROFILE);
        double[] scores = new ItemKnn(data, 5).scorer(5).scores(3);
        // Shopper 3 has item 0: score(1) = sim(0,1), score(2) = sim(0,2) = 0.
        assertEquals(2 / 3.0, scores[1], 1e-6);
        assertEquals(0, scores[2], 1e-12);
        // With one neighbour per item, item 1 keeps only item 0 (2/3 > 1/√3), so shopper 2 (items 1, 2)
        // scores item 0 by sim(1,0) = 2/3 and nothing else through item 1.
        double[] one = new ItemKnn(data, 5).scorer(1).scores(2);
        assertEquals(2 / 3.0, one[0], 1e-6);
        assertEquals(0, one[2], 1e-12);
    }

    @Test
    void fairnessPassRaisesLongTailExposureAndIsDeterministic() {
        Dataset dataset = Fixtures.twoGroups(5);
        TrainingData data = new TrainingData(dataset.users(), dataset.items(), dataset.interactions(), PROFILE);
        boolean[] tail = data.longTail(0.2);
        AlsModel model =
                new ImplicitAls(ImplicitAls.Config.defaults().withFactors(8).withThreads(2)).train(data.matrix());
        Map<ScoreSource, ScoreFunction> sources = new EnumMap<>(ScoreSource.class);
        sources.put(ScoreSource.CF, Scorers.als(data, model));
        sources.put(ScoreSource.CONTENT, Scorers.content(data, dataset.itemIds(), Fixtures.content(1), PROFILE));
        sources.put(ScoreSource.POPULARITY, Scorers.popularity(data));
        Hybrid.Prepared prepared = new Hybrid(data, sources, 20, tail, dataset.itemIds()).prepare(2);
        var weights = OfflineEvaluation.weights(0.2, 0.8, 0);
        FairReranker fair = new FairReranker(new FairnessConfig(0.7, 0.1, true, 1.0));
        Evaluator evaluator = new Evaluator(data, dataset.interactions().subList(0, 0), tail, PROFILE, 2);
        int plainTail = 0;
        int fairTail = 0;
        for (int u = 0; u < data.users(); u++) {
            int[] plain = prepared.ranker(weights, null).rank(u, 10);
            int[] withFairness = prepared.ranker(weights, fair).rank(u, 10);
            assertArrayEquals(withFairness, prepared.ranker(weights, fair).rank(u, 10));
            for (int r = 0; r < 10; r++) {
                plainTail += tail[plain[r]] ? 1 : 0;
                fairTail += tail[withFairness[r]] ? 1 : 0;
                assertTrue(!data.seen(u).get(withFairness[r]), "a training item was recommended");
            }
        }
        assertTrue(fairTail > plainTail, fairTail + " vs " + plainTail);
        assertEquals(0, evaluator.users());
    }

    private static String describe(OfflineEvaluation.Report report) {
        return OfflineEvaluation.describe(report.contents().get(0).chosen());
    }

    @Test
    void longTailIsEverythingOutsideTheHead() {
        // Popularity: item 2 (3 shoppers), item 0 (2), item 1 (1), items 3 and 4 (0). Head = ceil(0.2 × 5) = 1.
        List<Interaction> train = List.of(
                new Interaction(0, 2, 1, EventType.VIEW, null),
                new Interaction(1, 2, 1, EventType.VIEW, null),
                new Interaction(2, 2, 1, EventType.VIEW, null),
                new Interaction(0, 0, 1, EventType.VIEW, null),
                new Interaction(1, 0, 1, EventType.VIEW, null),
                new Interaction(0, 1, 1, EventType.VIEW, null));
        TrainingData data = new TrainingData(3, 5, train, PROFILE);
        assertArrayEquals(new boolean[] {true, true, false, true, true}, data.longTail(0.2));
        assertArrayEquals(new long[] {2, 1, 3, 0, 0}, data.popularity());
    }

    @Test
    void wholeProtocolRunsOnSyntheticDataAndIsReproducibleForAnyThreadCount() {
        Dataset dataset = Fixtures.twoGroups(9);
        OfflineEvaluation.Options options = new OfflineEvaluation.Options(
                2,
                1,
                5,
                List.of(8),
                List.of(1.0),
                List.of(1.0),
                List.of(10),
                List.of(Duration.ofDays(1)),
                List.of(0.0, 0.2),
                List.of(0.0, 0.4),
                List.of(0.3, 0.6),
                List.of(5, 10),
                List.of(2.0, Double.POSITIVE_INFINITY),
                List.of(0.0, 0.4),
                List.of(ItemKnn.NO_WINDOW, 2));
        OfflineEvaluation.Report first = OfflineEvaluation.run(
                dataset, List.of(new ItemContent("fixture", Fixtures.content(2))), options, line -> {});
        OfflineEvaluation.Options oneThread = new OfflineEvaluation.Options(
                1,
                options.seed(),
                options.iterations(),
                options.factorsGrid(),
                options.lambdaGrid(),
                options.alphaGrid(),
                options.knnGrid(),
                options.halfLifeGrid(),
                options.contentGrid(),
                options.popularityGrid(),
                options.fairnessGrid(),
                options.recentKGrid(),
                options.recentHalfLifeGrid(),
                options.recentGrid(),
                options.windowGrid());
        OfflineEvaluation.Report second = OfflineEvaluation.run(
                dataset, List.of(new ItemContent("fixture", Fixtures.content(2))), oneThread, line -> {});
        assertEquals(8, first.test().size());
        assertEquals(first.test(), second.test());
        assertEquals(describe(first), describe(second));
        assertEquals(first.validation(), second.validation());
    }
}
