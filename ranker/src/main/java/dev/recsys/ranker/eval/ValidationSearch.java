package dev.recsys.ranker.eval;

import dev.recsys.ranker.cf.AlsModel;
import dev.recsys.ranker.cf.ImplicitAls;
import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.rank.BlendWeights;
import dev.recsys.ranker.rank.ScoreSource;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Step 2 of {@link OfflineEvaluation}: every hyper-parameter chosen on the validation split, the models fitted
 * on the inner training part only. Each grid point tried is one line of the validation log, in the order tried;
 * on a tie the first value tried is kept.
 */
final class ValidationSearch {
    private final Dataset dataset;
    private final float[][] itemContent;
    private final OfflineEvaluation.Options options;
    private final Consumer<String> note;
    private final ProfileConfig baseProfile;
    private final TrainingData fit;
    private final boolean[] tail;
    private final Evaluator validation;
    private final int heldOut;

    /**
     * @param inner the split of the outer training part: the tuning models are fitted on its training part and
     *     scored on its held-out part
     * @param note receives each line of the validation log
     */
    ValidationSearch(
            Dataset dataset,
            float[][] itemContent,
            TemporalSplit.Split inner,
            OfflineEvaluation.Options options,
            Consumer<String> note) {
        this.dataset = dataset;
        this.itemContent = itemContent;
        this.options = options;
        this.note = note;
        this.baseProfile = ProfileConfig.defaults();
        this.fit = new TrainingData(dataset.users(), dataset.items(), inner.train(), baseProfile);
        this.tail = fit.longTail(OfflineEvaluation.HEAD_SHARE);
        this.validation = new Evaluator(fit, inner.test(), tail, baseProfile, options.threads());
        this.heldOut = inner.test().size();
    }

    /** Runs every grid in turn and returns what it chose. */
    OfflineEvaluation.Chosen choose() {
        note.accept(String.format(
                Locale.ROOT,
                "validation: %d training interactions, %d held out, %d shoppers evaluated",
                fit.train().size(),
                heldOut,
                validation.users()));
        AlsChoice als = chooseAls();
        ItemKnn knn = new ItemKnn(fit, Math.max(max(options.knnGrid()), max(options.recentKGrid())));
        int knnK = chooseKnnK(knn);
        Duration halfLife = chooseContentHalfLife();
        Profiles profiles = new Profiles(fit, dataset.itemIds(), null, baseProfile);
        // CF, content and popularity are the same for every window: their score functions are built once.
        Map<ScoreSource, ScoreFunction> sources = OfflineEvaluation.baseSources(
                fit, als.model(), dataset.itemIds(), itemContent, baseProfile.withHalfLife(halfLife));
        RecentChoice best = null;
        for (int window : options.windowGrid()) {
            best = chooseRecentAndBlend(window, knn, profiles, sources, best);
        }
        BlendWeights withoutRecent = chooseBlendWithoutRecent(sources);
        double exposureP = new LongTailCosts(validation, note)
                .exposureP(best.prepared(), best.weights(), best.score(), options.fairnessGrid());
        return new OfflineEvaluation.Chosen(
                als.config(),
                knnK,
                halfLife,
                best.window(),
                best.k(),
                best.halfLife(),
                best.weights(),
                withoutRecent == null ? best.weights() : withoutRecent,
                exposureP);
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
    private Duration chooseContentHalfLife() {
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
     * @param knn the windowless neighbour table, reused for {@link ItemKnn#NO_WINDOW}
     * @param best the best choice of the windows tried so far, or {@code null}
     * @return the better of {@code best} and this window's best blend
     */
    private RecentChoice chooseRecentAndBlend(
            int window, ItemKnn knn, Profiles profiles, Map<ScoreSource, ScoreFunction> sources, RecentChoice best) {
        ItemKnn neighbours = window == ItemKnn.NO_WINDOW ? knn : new ItemKnn(fit, max(options.recentKGrid()), window);
        String windowName = OfflineEvaluation.windowName(window);
        int bestK = options.recentKGrid().get(0);
        double bestHalfLife = options.recentHalfLifeGrid().get(0);
        double bestScore = -1;
        for (int k : options.recentKGrid()) {
            for (double halfLife : options.recentHalfLifeGrid()) {
                double score = validation
                        .evaluate(
                                "recent",
                                Ranker.of(RecentNeighbours.scorer(fit, profiles, neighbours, k, halfLife), fit))
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
        ScoreFunction recent = RecentNeighbours.scorer(fit, profiles, neighbours, bestK, bestHalfLife);
        Hybrid.Prepared prepared = OfflineEvaluation.hybrid(fit, sources, recent, tail, dataset.itemIds())
                .prepare(options.threads());
        for (double weight : options.recentGrid()) {
            for (double content : options.contentGrid()) {
                for (double popularity : options.popularityGrid()) {
                    BlendWeights weights = OfflineEvaluation.weights(content, popularity, weight);
                    double score = validation
                            .evaluate("hybrid", prepared.ranker(weights, null))
                            .ndcg10();
                    note.accept(String.format(
                            Locale.ROOT,
                            "  hybrid window=%s cf=0.4 content=%s popularity=%s recent=%s  NDCG@10=%.4f",
                            windowName,
                            content,
                            popularity,
                            weight,
                            score));
                    if (best == null || score > best.score()) {
                        best = new RecentChoice(window, bestK, bestHalfLife, weights, score, prepared);
                    }
                }
            }
        }
        return best;
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
            int window, int k, double halfLife, BlendWeights weights, double score, Hybrid.Prepared prepared) {}
}
