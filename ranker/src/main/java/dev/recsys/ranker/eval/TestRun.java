package dev.recsys.ranker.eval;

import dev.recsys.ranker.cf.AlsModel;
import dev.recsys.ranker.cf.ImplicitAls;
import dev.recsys.ranker.fairness.FairReranker;
import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.rank.BlendWeights;
import dev.recsys.ranker.rank.ScoreSource;
import dev.recsys.ranker.sequence.SequenceFitter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Step 3 of {@link OfflineEvaluation}: every model refitted with the values chosen on validation on the whole
 * training part, and evaluated once on the test split. The baselines that read no content are fitted and
 * evaluated once ({@link #baselines}); each embedder's content then gives its own content-only, hybrid and
 * fair-hybrid rows and frontier ({@link #content}).
 */
final class TestRun {
    private final Dataset dataset;
    private final int threads;
    private final ProfileConfig baseProfile = ProfileConfig.defaults();
    private final TrainingData train;
    private final boolean[] tail;
    private final Evaluator test;
    private final Map<String, ItemKnn> recentTables = new HashMap<>();
    private ImplicitAls.Config alsConfig;
    private AlsModel model;
    private ScoreFunction cf;
    private final SequenceFitter sequenceFitter;
    private final Consumer<String> note;
    private OfflineEvaluation.SequenceSummary sequenceSummary;
    private ScoreFunction sequence;

    /**
     * @param sequenceFitter trains the sequence model, or {@code null} when the evaluation has none
     * @param note receives a line for each model trained here that takes long
     */
    TestRun(
            Dataset dataset,
            TemporalSplit.Split outer,
            int threads,
            SequenceFitter sequenceFitter,
            Consumer<String> note) {
        this.dataset = dataset;
        this.threads = threads;
        this.sequenceFitter = sequenceFitter;
        this.note = note;
        this.train = new TrainingData(dataset.users(), dataset.items(), outer.train(), baseProfile);
        this.tail = train.longTail(OfflineEvaluation.HEAD_SHARE);
        this.test = new Evaluator(train, outer.test(), tail, baseProfile, threads);
    }

    /** The shoppers evaluated. */
    int users() {
        return test.users();
    }

    /** The sequence model as trained here, or {@code null} before {@link #baselines} or without one. */
    OfflineEvaluation.SequenceSummary sequenceSummary() {
        return sequenceSummary;
    }

    /**
     * MostPopular, ItemKNN, implicit ALS and, when validation chose one, the sequence model alone, in the order
     * of the results table.
     */
    List<Evaluator.Result> baselines(OfflineEvaluation.Chosen chosen) {
        ItemKnn knn = new ItemKnn(train, chosen.knnK());
        List<Evaluator.Result> rows = new ArrayList<>(List.of(
                test.evaluate("MostPopular", Ranker.of(Scorers.popularity(train), train)),
                test.evaluate("ItemKNN (cosine, k=" + chosen.knnK() + ")", Ranker.of(knn.scorer(chosen.knnK()), train)),
                test.evaluate("Implicit ALS", Ranker.of(Scorers.als(train, als(chosen.als())), train))));
        if (chosen.sequence() != null && sequenceFitter != null) {
            rows.add(test.evaluate(
                    "Sequence model alone (self-attention)", Ranker.of(sequence(chosen.sequence()), train)));
        }
        return rows;
    }

    /**
     * The sequence model trained on the whole training part with the settings and epochs chosen on validation
     * (no early stopping: the test split is not looked at), as a source whose candidates are kept.
     */
    private ScoreFunction sequence(OfflineEvaluation.SequenceChoice choice) {
        if (sequence == null) {
            SequenceFitter.Fit fitted = sequenceFitter.fit(
                    SequenceHistories.training(train, baseProfile, choice.filter()),
                    train.items(),
                    choice.config(),
                    null,
                    line -> {});
            sequenceSummary = new OfflineEvaluation.SequenceSummary(
                    choice, fitted.seconds(), fitted.weights().parameters());
            note.accept(String.format(
                    Locale.ROOT,
                    "test: sequence model %s trained in %.0f s, %,d weights",
                    choice.describe(),
                    fitted.seconds(),
                    fitted.weights().parameters()));
            Profiles profiles = new Profiles(train, dataset.itemIds(), null, baseProfile);
            sequence = OfflineEvaluation.cached(
                    Scorers.sequence(profiles, fitted.weights(), baseProfile, choice.filter()), train);
        }
        return sequence;
    }

    /** The rows of the models that read content, with {@code content}'s vectors and the values chosen with them. */
    ContentResults content(ItemContent content, OfflineEvaluation.Chosen chosen, ContentResults.HitRates hitRates) {
        String name = content.name();
        AlsModel fitted = als(chosen.als());
        Map<ScoreSource, ScoreFunction> sources = OfflineEvaluation.baseSources(
                train, fitted, cf, dataset.itemIds(), content.vectors(), baseProfile.withHalfLife(chosen.halfLife()));
        Evaluator.Result contentOnly =
                test.evaluate("Content only (" + name + ")", Ranker.of(sources.get(ScoreSource.CONTENT), train));
        ScoreFunction recent = RecentNeighbours.scorer(
                train,
                new Profiles(train, dataset.itemIds(), null, baseProfile),
                recentTable(chosen.recentK(), chosen.recentWindow()),
                chosen.recentK(),
                chosen.recentHalfLife());
        Hybrid.Prepared hybrid = OfflineEvaluation.hybrid(train, sources, recent, tail, dataset.itemIds())
                .prepare(threads);
        Evaluator.Result blended =
                test.evaluate("Hybrid (" + name + " content)", hybrid.ranker(chosen.weights(), null));
        List<FairnessFrontier.Point> frontier =
                FairnessFrontier.of(test, hybrid, chosen.weights(), FairnessFrontier.P, "Hybrid + FA*IR");
        Evaluator.Result fair = fair(
                hybrid,
                chosen,
                chosen.weights(),
                frontier,
                OfflineEvaluation.FAIRNESS_P,
                String.format(
                        Locale.ROOT,
                        "Hybrid + FA*IR (%s content, long tail, p=%s)",
                        name,
                        OfflineEvaluation.FAIRNESS_P));
        Evaluator.Result exposure = fair(
                hybrid,
                chosen,
                chosen.fairWeights(),
                frontier,
                chosen.exposureP(),
                String.format(
                        Locale.ROOT,
                        "Hybrid + FA*IR (%s content, long tail, p=%s and blend chosen on validation)",
                        name,
                        chosen.exposureP()));
        Hybrid.Prepared withoutRecent = OfflineEvaluation.hybrid(train, sources, null, tail, dataset.itemIds())
                .prepare(threads);
        Evaluator.Result ablation = test.evaluate(
                "Hybrid without recent-item neighbours (" + name + " content)",
                withoutRecent.ranker(chosen.weightsWithoutRecent(), null));
        Evaluator.Result withSequence = null;
        List<FairnessFrontier.Point> sequenceFrontier = List.of();
        if (chosen.sequence() != null && sequenceFitter != null) {
            Hybrid.Prepared sequenceHybrid = OfflineEvaluation.hybrid(
                            train, sources, recent, sequence(chosen.sequence()), tail, dataset.itemIds())
                    .prepare(threads);
            withSequence = test.evaluate(
                    "Hybrid with the sequence model (" + name + " content)",
                    sequenceHybrid.ranker(chosen.sequenceWeights(), null));
            sequenceFrontier = FairnessFrontier.of(
                    test,
                    sequenceHybrid,
                    chosen.sequenceWeights(),
                    FairnessFrontier.P,
                    "Hybrid with the sequence model + FA*IR (" + name + " content)");
        }
        return new ContentResults(
                name,
                chosen,
                hitRates,
                contentOnly,
                blended,
                fair,
                exposure,
                ablation,
                withSequence,
                frontier,
                sequenceFrontier);
    }

    /**
     * The hybrid blended by {@code weights} through FA*IR at p: the frontier's row when the frontier (drawn
     * with the chosen unconstrained blend) has that p and those are its weights, else evaluated now.
     */
    private Evaluator.Result fair(
            Hybrid.Prepared hybrid,
            OfflineEvaluation.Chosen chosen,
            BlendWeights weights,
            List<FairnessFrontier.Point> frontier,
            double p,
            String name) {
        for (FairnessFrontier.Point point : frontier) {
            if (point.p() == p && weights.equals(chosen.weights())) {
                return point.result().named(name);
            }
        }
        FairReranker fairness = OfflineEvaluation.fairness(p);
        return test.evaluate(name, hybrid.ranker(weights, fairness));
    }

    /**
     * ALS with the chosen settings, fitted once (every embedder's validation chose the same), and its CF source
     * for the hybrids, whose candidates are kept for every embedder.
     */
    private AlsModel als(ImplicitAls.Config config) {
        if (model == null || !config.equals(alsConfig)) {
            model = new ImplicitAls(config).train(train.matrix());
            alsConfig = config;
            cf = OfflineEvaluation.cached(Scorers.als(train, model), train);
        }
        return model;
    }

    /** The recent-item neighbours' table of a k and window, built once. */
    private ItemKnn recentTable(int k, int window) {
        return recentTables.computeIfAbsent(k + "/" + window, key -> new ItemKnn(train, k, window));
    }
}
