package dev.recsys.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.cf.AlsModel;
import dev.recsys.ranker.cf.ImplicitAls;
import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.rank.BlendWeights;
import dev.recsys.ranker.rank.ScoreSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Several embedders' content vectors on one split, and the fair hybrid's frontier. */
class ContentComparisonTest {
    private static final ProfileConfig PROFILE = ProfileConfig.defaults();

    private static OfflineEvaluation.Options options() {
        return new OfflineEvaluation.Options(
                2,
                3,
                5,
                List.of(8),
                List.of(1.0),
                List.of(1.0),
                List.of(10),
                List.of(Duration.ofDays(1), Duration.ofDays(3650)),
                List.of(0.0, 0.4),
                List.of(0.0, 0.4),
                List.of(0.3, 0.6),
                List.of(5, 10),
                List.of(2.0),
                List.of(0.0, 0.4),
                List.of(ItemKnn.NO_WINDOW, 2));
    }

    /** Content vectors that know nothing: seeded noise in 6 dimensions. */
    private static float[][] noise(long seed) {
        Random random = new Random(seed);
        float[][] vectors = new float[Fixtures.ITEMS][6];
        for (float[] vector : vectors) {
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) random.nextGaussian();
            }
        }
        return vectors;
    }

    @Test
    void aSecondEmbedderSharesTheBaselinesAndLeavesTheFirstEmbeddersResultsAsARunOfItsOwn() {
        Dataset dataset = Fixtures.twoGroups(11);
        ItemContent groups = new ItemContent("groups", Fixtures.content(4));
        ItemContent random = new ItemContent("noise", noise(5));
        List<String> aloneLog = new ArrayList<>();
        OfflineEvaluation.Report alone = OfflineEvaluation.run(dataset, List.of(groups), options(), aloneLog::add);
        OfflineEvaluation.Report both = OfflineEvaluation.run(dataset, List.of(groups, random), options(), line -> {});

        assertEquals(alone.baselines(), both.baselines());
        assertEquals(alone.contents().get(0), both.contents().get(0));
        assertEquals(aloneLog, both.validation().subList(0, aloneLog.size()), "the first embedder's log comes first");
        assertEquals(3 + 2 * 5, both.test().size());
        assertEquals(
                List.of("Content only (groups)", "Content only (noise)"),
                both.test().subList(3, 5).stream().map(Evaluator.Result::name).toList());
        assertEquals("Hybrid (noise content)", both.test().get(6).name());

        OfflineEvaluation.Chosen first = both.contents().get(0).chosen();
        OfflineEvaluation.Chosen second = both.contents().get(1).chosen();
        assertEquals(first.als(), second.als());
        assertEquals(first.knnK(), second.knnK());
        assertEquals(first.recentWindow(), second.recentWindow(), "the window is chosen once");
        assertEquals(first.recentK(), second.recentK());
        assertEquals(first.recentHalfLife(), second.recentHalfLife());
        List<String> secondLog =
                both.validation().subList(aloneLog.size(), both.validation().size());
        assertTrue(secondLog.get(0).startsWith("content vectors: noise"), secondLog.get(0));
        assertTrue(secondLog.stream().noneMatch(line -> line.contains("als ") || line.contains("itemknn k=")));
        // One blend grid on the kept window (2 × 2 × 2 weights), not one per window.
        assertEquals(
                8,
                secondLog.stream().filter(l -> l.startsWith("  hybrid window=")).count());
        assertEquals(
                8,
                secondLog.stream()
                        .filter(l -> l.startsWith("  hybrid + FA*IR p=") && l.contains(" cf=0.4 "))
                        .count(),
                "and one blend grid with the quota on");

        for (ContentResults content : both.contents()) {
            assertEquals(Evaluator.CUTOFF, content.hitRates().hybrid().size());
            assertEquals(Evaluator.CUTOFF, content.hitRates().longTail().size());
            assertEquals(FairnessFrontier.P.size(), content.frontier().size());
        }
        // The best unconstrained baseline is one of MostPopular, ItemKNN, ALS and the content-only rows.
        double best = both.bestBaseline().ndcg10();
        for (Evaluator.Result row : both.test().subList(0, 5)) {
            assertTrue(row.ndcg10() <= best, row + " above " + best);
        }
    }

    @Test
    void theFrontierHasAPointForEachPWithinRange() {
        Dataset dataset = Fixtures.twoGroups(7);
        TemporalSplit.Split split = TemporalSplit.split(dataset.interactions(), dataset.users(), 0.2);
        TrainingData data = new TrainingData(dataset.users(), dataset.items(), split.train(), PROFILE);
        boolean[] tail = data.longTail(OfflineEvaluation.HEAD_SHARE);
        AlsModel model = new ImplicitAls(ImplicitAls.Config.defaults()
                        .withFactors(8)
                        .withThreads(2)
                        .withSeed(3))
                .train(data.matrix());
        Map<ScoreSource, ScoreFunction> sources = new EnumMap<>(ScoreSource.class);
        sources.put(ScoreSource.CF, Scorers.als(data, model));
        sources.put(ScoreSource.CONTENT, Scorers.content(data, dataset.itemIds(), Fixtures.content(2), PROFILE));
        sources.put(ScoreSource.POPULARITY, Scorers.popularity(data));
        Hybrid.Prepared prepared = new Hybrid(data, sources, 20, tail, dataset.itemIds()).prepare(2);
        Evaluator evaluator = new Evaluator(data, split.test(), tail, PROFILE, 2);

        List<FairnessFrontier.Point> frontier = FairnessFrontier.of(
                evaluator, prepared, OfflineEvaluation.weights(0.2, 0.4, 0), FairnessFrontier.P, "fair");

        assertEquals(
                FairnessFrontier.P,
                frontier.stream().map(FairnessFrontier.Point::p).toList());
        for (FairnessFrontier.Point point : frontier) {
            assertTrue(point.ndcg10() >= 0 && point.ndcg10() <= 1, point.toString());
            assertTrue(point.longTailExposure() >= 0 && point.longTailExposure() <= 1, point.toString());
            assertEquals(evaluator.users(), point.result().users());
            assertEquals("fair p=" + point.p(), point.result().name());
        }
        assertTrue(evaluator.users() > 0);
    }

    @Test
    void keptCandidatesAndPointScoresAreThoseOfScoringTheWholeCatalog() {
        Dataset dataset = Fixtures.twoGroups(13);
        TrainingData data = new TrainingData(dataset.users(), dataset.items(), dataset.interactions(), PROFILE);
        boolean[] tail = data.longTail(OfflineEvaluation.HEAD_SHARE);
        AlsModel model = new ImplicitAls(ImplicitAls.Config.defaults()
                        .withFactors(8)
                        .withThreads(1)
                        .withSeed(5))
                .train(data.matrix());
        Map<ScoreSource, ScoreFunction> plain = new EnumMap<>(ScoreSource.class);
        PointScores cf = Scorers.als(data, model);
        PointScores content = Scorers.content(data, dataset.itemIds(), Fixtures.content(3), PROFILE);
        PointScores popularity = Scorers.popularity(data);
        // Lambdas: only scores(user), so the hybrid scores the whole catalog.
        plain.put(ScoreSource.CF, cf::scores);
        plain.put(ScoreSource.CONTENT, content::scores);
        plain.put(ScoreSource.POPULARITY, popularity::scores);
        Map<ScoreSource, ScoreFunction> kept =
                OfflineEvaluation.baseSources(data, model, null, dataset.itemIds(), Fixtures.content(3), PROFILE);
        for (int user = 0; user < data.users(); user++) {
            double[] all = cf.scores(user);
            for (int item = 0; item < data.items(); item++) {
                assertEquals(all[item], cf.scorer(user).applyAsDouble(item));
            }
        }
        Hybrid uncached = new Hybrid(data, plain, 12, tail, dataset.itemIds());
        Hybrid cached = new Hybrid(data, kept, Hybrid.DEFAULT_CANDIDATES_PER_SOURCE, tail, dataset.itemIds());
        Hybrid sameCount = new Hybrid(data, plain, Hybrid.DEFAULT_CANDIDATES_PER_SOURCE, tail, dataset.itemIds());
        for (int user = 0; user < data.users(); user++) {
            assertEquals(sameCount.candidates(user), cached.candidates(user));
            assertEquals(sameCount.candidates(user), cached.candidates(user), "the second call reads the kept list");
            assertTrue(
                    uncached.candidates(user).size() <= cached.candidates(user).size());
        }
    }

    @Test
    void theFairBlendIsTheBestOnValidationAmongTheBlendsWhoseFairListReachesTheExposureGoal() {
        Dataset dataset = Fixtures.twoGroups(11);
        List<String> log = new ArrayList<>();
        OfflineEvaluation.Report report = OfflineEvaluation.run(
                dataset, List.of(new ItemContent("groups", Fixtures.content(4))), options(), log::add);
        OfflineEvaluation.Chosen chosen = report.contents().get(0).chosen();

        // "  hybrid + FA*IR p=0.6 cf=0.4 content=0.4 popularity=0.0 recent=0.4  NDCG@10=0.1234  long-tail
        // exposure=0.321"
        Pattern line = Pattern.compile("  hybrid \\+ FA\\*IR p=(\\S+) cf=0\\.4 content=(\\S+) popularity=(\\S+)"
                + " recent=(\\S+)  NDCG@10=(\\S+)  long-tail exposure=(\\S+)");
        List<Matcher> tried =
                log.stream().map(line::matcher).filter(Matcher::matches).toList();
        assertEquals(2 * 2 * 2, tried.size(), "every blend of the grids, once");
        BlendWeights best = chosen.weights();
        double bestScore = -1;
        for (Matcher m : tried) {
            assertEquals(chosen.exposureP(), Double.parseDouble(m.group(1)));
            double ndcg = Double.parseDouble(m.group(5));
            if (Double.parseDouble(m.group(6)) >= OfflineEvaluation.EXPOSURE_GOAL && ndcg > bestScore) {
                bestScore = ndcg;
                best = OfflineEvaluation.weights(
                        Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)));
            }
        }
        assertEquals(best, chosen.fairWeights());

        ContentResults content = report.contents().get(0);
        assertEquals(
                "Hybrid + FA*IR (groups content, long tail, p=" + chosen.exposureP()
                        + " and blend chosen on validation)",
                content.exposure().name());
        assertTrue(OfflineEvaluation.describe(chosen).contains("blend with the quota on"));
    }

    @Test
    void theFirstPointReachingAnExposureIsTheOneOfTheSmallestP() {
        List<FairnessFrontier.Point> frontier = List.of(point(0.1, 0.05), point(0.2, 0.35), point(0.3, 0.31));
        Optional<FairnessFrontier.Point> reached = FairnessFrontier.firstReaching(frontier, 0.3);
        assertEquals(0.2, reached.orElseThrow().p());
        assertTrue(FairnessFrontier.firstReaching(frontier, 0.5).isEmpty());
    }

    private static FairnessFrontier.Point point(double p, double exposure) {
        return new FairnessFrontier.Point(p, new Evaluator.Result("fair", 1, 0, 0, 0, 0, 0.1, 0, 0, 0, exposure, 0));
    }
}
