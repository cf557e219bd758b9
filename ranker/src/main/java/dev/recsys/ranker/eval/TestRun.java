package dev.recsys.ranker.eval;

import dev.recsys.ranker.cf.AlsModel;
import dev.recsys.ranker.cf.ImplicitAls;
import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.rank.ScoreSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Step 3 of {@link OfflineEvaluation}: every model refitted with the values chosen on validation on the whole
 * training part, and evaluated once on the test split, in the order of the results table.
 */
final class TestRun {
    /**
     * @param results one row per model, baselines first
     * @param users the shoppers evaluated
     */
    record Outcome(List<Evaluator.Result> results, int users) {}

    private TestRun() {}

    static Outcome evaluate(
            Dataset dataset,
            float[][] itemContent,
            TemporalSplit.Split outer,
            OfflineEvaluation.Chosen chosen,
            int threads) {
        ProfileConfig baseProfile = ProfileConfig.defaults();
        TrainingData train = new TrainingData(dataset.users(), dataset.items(), outer.train(), baseProfile);
        boolean[] tail = train.longTail(OfflineEvaluation.HEAD_SHARE);
        Evaluator test = new Evaluator(train, outer.test(), tail, baseProfile, threads);
        AlsModel model = new ImplicitAls(chosen.als()).train(train.matrix());
        ItemKnn knn = new ItemKnn(train, chosen.knnK());
        ItemKnn recentKnn = new ItemKnn(train, chosen.recentK(), chosen.recentWindow());
        Map<ScoreSource, ScoreFunction> sources = OfflineEvaluation.baseSources(
                train, model, dataset.itemIds(), itemContent, baseProfile.withHalfLife(chosen.halfLife()));
        List<Evaluator.Result> results = new ArrayList<>();
        results.add(test.evaluate("MostPopular", Ranker.of(sources.get(ScoreSource.POPULARITY), train)));
        results.add(test.evaluate(
                "ItemKNN (cosine, k=" + chosen.knnK() + ")", Ranker.of(knn.scorer(chosen.knnK()), train)));
        results.add(test.evaluate("Implicit ALS", Ranker.of(sources.get(ScoreSource.CF), train)));
        results.add(test.evaluate("Content only", Ranker.of(sources.get(ScoreSource.CONTENT), train)));
        ScoreFunction recent = RecentNeighbours.scorer(
                train,
                new Profiles(train, dataset.itemIds(), null, baseProfile),
                recentKnn,
                chosen.recentK(),
                chosen.recentHalfLife());
        Hybrid.Prepared hybrid = OfflineEvaluation.hybrid(train, sources, recent, tail, dataset.itemIds())
                .prepare(threads);
        results.add(test.evaluate(
                "Hybrid (CF + recent-item neighbours + content + popularity)", hybrid.ranker(chosen.weights(), null)));
        results.add(test.evaluate(
                "Hybrid + FA*IR (long tail, p=0.3)",
                hybrid.ranker(chosen.weights(), OfflineEvaluation.fairness(OfflineEvaluation.FAIRNESS_P))));
        results.add(test.evaluate(
                String.format(
                        Locale.ROOT, "Hybrid + FA*IR (long tail, p=%s, chosen on validation)", chosen.exposureP()),
                hybrid.ranker(chosen.weights(), OfflineEvaluation.fairness(chosen.exposureP()))));
        Hybrid.Prepared withoutRecent = OfflineEvaluation.hybrid(train, sources, null, tail, dataset.itemIds())
                .prepare(threads);
        results.add(test.evaluate(
                "Hybrid without recent-item neighbours (CF + content + popularity)",
                withoutRecent.ranker(chosen.weightsWithoutRecent(), null)));
        return new Outcome(results, test.users());
    }
}
