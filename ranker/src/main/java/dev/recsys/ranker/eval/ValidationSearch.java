package dev.recsys.ranker.eval;

import dev.recsys.ranker.cf.AlsModel;
import dev.recsys.ranker.cf.ImplicitAls;
import dev.recsys.ranker.fairness.FairReranker;
import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.rank.BlendWeights;
import dev.recsys.ranker.rank.ScoreSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Step 2 of {@link OfflineEvaluation}: every hyper-parameter chosen on the validation split, the models fitted
 * on the inner training part only. Each grid point tried is one line of the validation log, in the order tried;
 * on a tie the first value tried is kept.
 *
 * <p>What does not read content (ALS, ItemKNN's k, the shoppers' recent lists) is chosen once, whatever the
 * number of embedders. The first embedder's content then takes part in the whole search: the content profile
 * half-life, and for each co-occurrence window the recent-item neighbours and the blend. Each further
 * embedder keeps the window and the recent-item neighbours' k and half-life chosen with the first, and gets
 * its own content half-life, blend weights (the whole content × popularity × recent grid on that window),
 * blend without recent-item neighbours and FA*IR p: the choices its vectors enter.
 */
final class ValidationSearch {
    private final Dataset dataset;
    private final OfflineEvaluation.Options options;
    private final SequenceSearch sequenceSearch;
    private final Consumer<String> note;
    private final ProfileConfig baseProfile;
    private final TrainingData fit;
    private final boolean[] tail;
    private final Evaluator validation;
    private final int heldOut;
    private Collaborative collaborative;

    /**
     * What one embedder's search chose.
     *
     * @param recentNeighbours the neighbour table of the chosen window, as long as the largest k tried
     */
    record ContentChoice(OfflineEvaluation.Chosen chosen, ContentResults.HitRates hitRates, ItemKnn recentNeighbours) {}

    /**
     * @param inner the split of the outer training part: the tuning models are fitted on its training part and
     *     scored on its held-out part
     * @param note receives each line of the validation log
     */
    ValidationSearch(
            Dataset dataset,
            TemporalSplit.Split inner,
            OfflineEvaluation.Options options,
            SequenceOptions sequenceOptions,
            Consumer<String> note) {
        this.dataset = dataset;
        this.options = options;
        this.note = note;
        this.baseProfile = ProfileConfig.defaults();
        this.fit = new TrainingData(dataset.users(), dataset.items(), inner.train(), baseProfile);
        this.tail = fit.longTail(OfflineEvaluation.HEAD_SHARE);
        this.validation = new Evaluator(fit, inner.test(), tail, baseProfile, options.threads());
        this.heldOut = inner.test().size();
        this.sequenceSearch = sequenceOptions == null
                ? null
                : new SequenceSearch(fit, baseProfile, validation, options, sequenceOptions, note);
    }

    /** The whole search with one embedder's vectors: every grid in turn, every window. */
    ContentChoice choose(ItemContent content) {
        Collaborative shared = collaborative();
        note.accept("content vectors: " + content.name());
        Duration halfLife = chooseContentHalfLife(content.vectors());
        Map<ScoreSource, ScoreFunction> sources = sources(shared, content, halfLife);
        RecentChoice best = null;
        for (int window : options.windowGrid()) {
            best = chooseRecentAndBlend(window, shared, sources, best);
        }
        return finish(shared, sources, halfLife, best);
    }

    /**
     * The search with a further embedder's vectors: the window and the recent-item neighbours of {@code first}
     * kept, everything that reads content chosen again.
     */
    ContentChoice chooseWithRecentOf(ItemContent content, ContentChoice first) {
        Collaborative shared = collaborative();
        OfflineEvaluation.Chosen kept = first.chosen();
        note.accept("content vectors: " + content.name() + " (recent-item neighbours window="
                + OfflineEvaluation.windowName(kept.recentWindow()) + " k=" + kept.recentK() + " halfLife="
                + kept.recentHalfLife() + " as chosen with the first embedder)");
        Duration halfLife = chooseContentHalfLife(content.vectors());
        Map<ScoreSource, ScoreFunction> sources = sources(shared, content, halfLife);
        RecentChoice best = blendGrid(
                kept.recentWindow(),
                first.recentNeighbours(),
                kept.recentK(),
                kept.recentHalfLife(),
                shared.profiles(),
                sources,
                null);
        return finish(shared, sources, halfLife, best);
    }

    /** The blend without recent-item neighbours and the long-tail lines, for the chosen blend. */
    private ContentChoice finish(
            Collaborative shared, Map<ScoreSource, ScoreFunction> sources, Duration halfLife, RecentChoice best) {
        BlendWeights withoutRecent = chooseBlendWithoutRecent(sources);
        LongTailCosts.Outcome longTail = new LongTailCosts(validation, note)
                .write(best.prepared(), best.weights(), best.score(), options.fairnessGrid());
        BlendWeights fairWeights = chooseFairBlend(best, longTail.exposureP());
        BlendWeights sequenceWeights = shared.sequence() == null ? null : chooseSequenceBlend(shared, sources, best);
        OfflineEvaluation.Chosen chosen = new OfflineEvaluation.Chosen(
                shared.als().config(),
                shared.knnK(),
                halfLife,
                best.window(),
                best.k(),
                best.halfLife(),
                best.weights(),
                withoutRecent == null ? best.weights() : withoutRecent,
                longTail.exposureP(),
                fairWeights,
                shared.sequence() == null ? null : shared.sequence().choice(),
                sequenceWeights);
        return new ContentChoice(chosen, longTail.hitRates(), best.neighbours());
    }

    /** CF, content and popularity: the same for every window, so their score functions are built once. */
    private Map<ScoreSource, ScoreFunction> sources(Collaborative shared, ItemContent content, Duration halfLife) {
        return OfflineEvaluation.baseSources(
                fit,
                shared.als().model(),
                shared.cf(),
                dataset.itemIds(),
                content.vectors(),
                baseProfile.withHalfLife(halfLife));
    }

    /** ALS, ItemKNN's k and the recent lists, chosen or built on the first call. */
    private Collaborative collaborative() {
        if (collaborative == null) {
            note.accept(String.format(
                    Locale.ROOT,
                    "validation: %d training interactions, %d held out, %d shoppers evaluated",
                    fit.train().size(),
                    heldOut,
                    validation.users()));
            AlsChoice als = chooseAls();
            ItemKnn knn = new ItemKnn(fit, Math.max(max(options.knnGrid()), max(options.recentKGrid())));
            int knnK = chooseKnnK(knn);
            Profiles profiles = new Profiles(fit, dataset.itemIds(), null, baseProfile);
            ScoreFunction cf = OfflineEvaluation.cached(Scorers.als(fit, als.model()), fit);
            SequenceSearch.Found sequence = sequenceSearch == null ? null : sequenceSearch.choose(profiles);
            collaborative = new Collaborative(als, cf, knn, knnK, profiles, sequence);
        }
        return collaborative;
    }

    /** The blend of the hybrid with the sequence model ({@link SequenceSearch#chooseBlend}). */
    private BlendWeights chooseSequenceBlend(
            Collaborative shared, Map<ScoreSource, ScoreFunction> sources, RecentChoice best) {
        ScoreFunction recent =
                RecentNeighbours.scorer(fit, shared.profiles(), best.neighbours(), best.k(), best.halfLife());
        Hybrid.Prepared prepared = OfflineEvaluation.hybrid(
                        fit, sources, recent, shared.sequence().source(), tail, dataset.itemIds())
                .prepare(options.threads());
        return sequenceSearch.chooseBlend(prepared, best.weights());
    }

    /** ALS factors, λ and α by ALS-alone NDCG@10. */
    private AlsChoice chooseAls() {
        ImplicitAls.Config base = ImplicitAls.Config.defaults()
                .withThreads(options.threads())
                .withSeed(options.seed())
                .withIterations(options.iterations());
        AlsChoice best = null;
        for (int factors : options.factorsGrid()) {
            for (double lambda : options.lambdaGrid()) {
                for (double alpha : options.alphaGrid()) {
                    ImplicitAls.Config config =
                            base.withFactors(factors).withLambda(lambda).withAlpha(alpha);
                    AlsModel model = new ImplicitAls(config).train(fit.matrix());
                    double score = validation
                            .evaluate("als", Ranker.of(Scorers.als(fit, model), fit))
                            .ndcg10();
                    note.accept(String.format(
                            Locale.ROOT,
                            "  als factors=%d lambda=%s alpha=%s  NDCG@10=%.4f",
                            factors,
                            lambda,
                            alpha,
                            score));
                    if (score > (best == null ? -1 : best.score())) {
                        best = new AlsChoice(config, model, score);
                    }
                }
            }
        }
        return best;
    }

    /** ItemKNN's neighbour count, from one neighbour table as long as the largest k tried. */
    private int chooseKnnK(ItemKnn knn) {
        int bestK = options.knnGrid().get(0);
        double bestScore = -1;
        for (int k : options.knnGrid()) {
            double score = validation
                    .evaluate("itemknn", Ranker.of(knn.scorer(k), fit))
                    .ndcg10();
            note.accept(String.format(Locale.ROOT, "  itemknn k=%d  NDCG@10=%.4f", k, score));
            if (score > bestScore) {
                bestScore = score;
                bestK = k;
            }
        }
        return bestK;
    }

    /** The content profile's half-life, by content-alone NDCG@10. */
    private Duration chooseContentHalfLife(float[][] itemContent) {
        Duration bestHalfLife = options.halfLifeGrid().get(0);
        double bestScore = -1;
        for (Duration halfLife : options.halfLifeGrid()) {
            ScoreFunction content =
                    Scorers.content(fit, dataset.itemIds(), itemContent, baseProfile.withHalfLife(halfLife));
            double score =
                    validation.evaluate("content", Ranker.of(content, fit)).ndcg10();
            note.accept(String.format(Locale.ROOT, "  content halfLife=%dd  NDCG@10=%.4f", halfLife.toDays(), score));
            if (score > bestScore) {
                bestScore = score;
                bestHalfLife = halfLife;
            }
        }
        return bestHalfLife;
    }

    /**
     * One co-occurrence window: the recent-item neighbours' k and half-life by that source alone, then the
     * hybrid's blend weights with it.
     *
     * @param best the best choice of the windows tried so far, or {@code null}
     * @return the better of {@code best} and this window's best blend
     */
    private RecentChoice chooseRecentAndBlend(
            int window, Collaborative shared, Map<ScoreSource, ScoreFunction> sources, RecentChoice best) {
        // The windowless neighbour table is the one ItemKNN's k was chosen with.
        ItemKnn neighbours =
                window == ItemKnn.NO_WINDOW ? shared.knn() : new ItemKnn(fit, max(options.recentKGrid()), window);
        String windowName = OfflineEvaluation.windowName(window);
        int bestK = options.recentKGrid().get(0);
        double bestHalfLife = options.recentHalfLifeGrid().get(0);
        double bestScore = -1;
        for (int k : options.recentKGrid()) {
            for (double halfLife : options.recentHalfLifeGrid()) {
                double score = validation
                        .evaluate(
                                "recent",
                                Ranker.of(
                                        RecentNeighbours.scorer(fit, shared.profiles(), neighbours, k, halfLife), fit))
                        .ndcg10();
                note.accept(String.format(
                        Locale.ROOT,
                        "  recent-item neighbours window=%s k=%d halfLife=%s  NDCG@10=%.4f",
                        windowName,
                        k,
                        halfLife,
                        score));
                if (score > bestScore) {
                    bestScore = score;
                    bestK = k;
                    bestHalfLife = halfLife;
                }
            }
        }
        return blendGrid(window, neighbours, bestK, bestHalfLife, shared.profiles(), sources, best);
    }

    /**
     * The hybrid's blend weights with the recent-item neighbours of one window, k and half-life: CF fixed, every
     * recent × content × popularity weight of the grids.
     *
     * @param best the best choice so far, or {@code null}
     * @return the better of {@code best} and this window's best blend
     */
    private RecentChoice blendGrid(
            int window,
            ItemKnn neighbours,
            int k,
            double halfLife,
            Profiles profiles,
            Map<ScoreSource, ScoreFunction> sources,
            RecentChoice best) {
        String windowName = OfflineEvaluation.windowName(window);
        ScoreFunction recent = RecentNeighbours.scorer(fit, profiles, neighbours, k, halfLife);
        Hybrid.Prepared prepared = OfflineEvaluation.hybrid(fit, sources, recent, tail, dataset.itemIds())
                .prepare(options.threads());
        for (BlendWeights weights : blendWeights()) {
            double score = validation
                    .evaluate("hybrid", prepared.ranker(weights, null))
                    .ndcg10();
            note.accept(String.format(
                    Locale.ROOT, "  hybrid window=%s %s  NDCG@10=%.4f", windowName, describe(weights), score));
            if (best == null || score > best.score()) {
                best = new RecentChoice(window, k, halfLife, weights, score, prepared, neighbours);
            }
        }
        return best;
    }

    /** Every blend of the grids, CF fixed: recent × content × popularity, in that order of nesting. */
    private List<BlendWeights> blendWeights() {
        List<BlendWeights> all = new ArrayList<>();
        for (double recent : options.recentGrid()) {
            for (double content : options.contentGrid()) {
                for (double popularity : options.popularityGrid()) {
                    all.add(OfflineEvaluation.weights(content, popularity, recent));
                }
            }
        }
        return all;
    }

    /** {@code cf=0.4 content=… popularity=… recent=…}, as the validation log writes a blend. */
    static String describe(BlendWeights weights) {
        return "cf=" + weights.weight(ScoreSource.CF) + " content=" + weights.weight(ScoreSource.CONTENT)
                + " popularity=" + weights.weight(ScoreSource.POPULARITY) + " recent="
                + weights.weight(ScoreSource.RECENT);
    }

    /**
     * The blend for the fair list: every weight of the grids with FA*IR at {@code p} applied, the best NDCG@10
     * among the blends whose list still reaches the exposure goal. The unconstrained choice favours popular
     * items, which the quota then pushes down; a blend chosen with the quota on ranks the long-tail items
     * it promotes by what predicts them best.
     */
    private BlendWeights chooseFairBlend(RecentChoice best, double p) {
        FairReranker fairness = OfflineEvaluation.fairness(p);
        BlendWeights chosen = best.weights();
        double chosenScore = -1;
        for (BlendWeights weights : blendWeights()) {
            Evaluator.Result result =
                    validation.evaluate("fair", best.prepared().ranker(weights, fairness));
            note.accept(String.format(
                    Locale.ROOT,
                    "  hybrid + FA*IR p=%s %s  NDCG@10=%.4f  long-tail exposure=%.3f",
                    p,
                    describe(weights),
                    result.ndcg10(),
                    result.longTailShare()));
            if (result.longTailShare() >= OfflineEvaluation.EXPOSURE_GOAL && result.ndcg10() > chosenScore) {
                chosen = weights;
                chosenScore = result.ndcg10();
            }
        }
        return chosen;
    }

    /** The ablation: the same blend without the recent-item neighbours as a source at all. */
    private BlendWeights chooseBlendWithoutRecent(Map<ScoreSource, ScoreFunction> sources) {
        Hybrid.Prepared withoutRecent = OfflineEvaluation.hybrid(fit, sources, null, tail, dataset.itemIds())
                .prepare(options.threads());
        BlendWeights best = null;
        double bestScore = -1;
        for (double content : options.contentGrid()) {
            for (double popularity : options.popularityGrid()) {
                BlendWeights weights = OfflineEvaluation.weights(content, popularity, 0);
                double score = validation
                        .evaluate("hybrid", withoutRecent.ranker(weights, null))
                        .ndcg10();
                note.accept(String.format(
                        Locale.ROOT,
                        "  hybrid without recent-item neighbours cf=0.4 content=%s popularity=%s  NDCG@10=%.4f",
                        content,
                        popularity,
                        score));
                if (score > bestScore) {
                    bestScore = score;
                    best = weights;
                }
            }
        }
        return best;
    }

    private static int max(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    /** The ALS settings with the best validation score, and the model they fitted. */
    private record AlsChoice(ImplicitAls.Config config, AlsModel model, double score) {}

    /** The recent-item neighbours and blend chosen on validation, with the candidates they were scored on. */
    private record RecentChoice(
            int window,
            int k,
            double halfLife,
            BlendWeights weights,
            double score,
            Hybrid.Prepared prepared,
            ItemKnn neighbours) {}

    /**
     * What every embedder's search shares: none of it reads content.
     *
     * @param cf the chosen ALS model as the hybrid's CF source, its candidates kept for every embedder
     */
    private record Collaborative(
            AlsChoice als, ScoreFunction cf, ItemKnn knn, int knnK, Profiles profiles, SequenceSearch.Found sequence) {}
}
