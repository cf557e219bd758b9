package dev.recsys.ranker.eval;

import dev.recsys.ranker.cf.AlsModel;
import dev.recsys.ranker.cf.ImplicitAls;
import dev.recsys.ranker.fairness.FairReranker;
import dev.recsys.ranker.fairness.FairnessConfig;
import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.rank.BlendWeights;
import dev.recsys.ranker.rank.ScoreSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole offline protocol: temporal split, hyper-parameters chosen on a validation split carved from
 * training, then one run of every model on the test split.
 *
 * <ol>
 *   <li>test = each shopper's last 20% by time; validation = the last 20% of what remains; the tuning
 *       models are fitted on the remaining 64%.
 *   <li>On validation only: ALS (factors, λ, α) by ALS-alone NDCG@10; ItemKNN k; the content profile
 *       half-life; for each co-occurrence window of the recent-item neighbours, their k and recency
 *       half-life by that source alone, then the blend weights of the hybrid (CF fixed at 0.4; content,
 *       popularity and recent-item neighbours on a grid); the window and weights with the best hybrid win.
 *       The ablation without recent-item neighbours gets its own blend weights the same way.
 *   <li>Refit everything with the chosen values on the whole training part (80%) and evaluate once on test.
 * </ol>
 *
 * Every model is seeded and every parallel step stores results by index, so a run is reproducible.
 */
public final class OfflineEvaluation {
    /** Items outside this share of the most popular (by training shoppers) are the protected long tail. */
    public static final double HEAD_SHARE = 0.2;

    /** Target proportion of the FA*IR pass. */
    public static final double FAIRNESS_P = 0.3;

    /**
     * @param threads worker threads for training and ranking
     * @param seed seed of ALS initialisation
     * @param iterations ALS iterations (fixed, not tuned: the loss has flattened by 15)
     * @param factorsGrid ALS factors tried on validation
     * @param lambdaGrid ALS λ tried
     * @param alphaGrid ALS α tried
     * @param knnGrid ItemKNN neighbour counts tried
     * @param halfLifeGrid content profile half-lives tried
     * @param contentGrid content weights tried (CF weight fixed at 0.4)
     * @param popularityGrid popularity weights tried
     * @param fairnessGrid FA*IR target proportions tried for the extra row that aims at the exposure goal
     * @param recentKGrid neighbours per recent item tried for the recent-item neighbours source
     * @param recentHalfLifeGrid recency half-lives (positions in the recent list) tried for that source
     * @param recentGrid blend weights tried for that source
     * @param windowGrid co-occurrence windows ({@link ItemKnn}) tried for that source's neighbour lists, chosen
     *     by the hybrid's NDCG@10 (a window helps the blend more than the source alone)
     */
    public record Options(
            int threads,
            long seed,
            int iterations,
            List<Integer> factorsGrid,
            List<Double> lambdaGrid,
            List<Double> alphaGrid,
            List<Integer> knnGrid,
            List<Duration> halfLifeGrid,
            List<Double> contentGrid,
            List<Double> popularityGrid,
            List<Double> fairnessGrid,
            List<Integer> recentKGrid,
            List<Double> recentHalfLifeGrid,
            List<Double> recentGrid,
            List<Integer> windowGrid) {
        public static Options defaults() {
            return new Options(
                    Runtime.getRuntime().availableProcessors(),
                    ImplicitAls.Config.DEFAULT_SEED,
                    ImplicitAls.Config.DEFAULT_ITERATIONS,
                    List.of(32, 64),
                    List.of(1.0, 10.0, 50.0),
                    List.of(0.25, 1.0, 4.0),
                    List.of(25, 50, 100, 200, 400, 800),
                    List.of(Duration.ofDays(1), Duration.ofDays(30), Duration.ofDays(3650)),
                    List.of(0.0, 0.1, 0.2, 0.4, 0.8),
                    List.of(0.0, 0.1, 0.2, 0.4, 0.8, 1.6),
                    List.of(0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9),
                    List.of(25, 100),
                    List.of(1.0, 2.0, 5.0, 10.0, Double.POSITIVE_INFINITY),
                    List.of(0.0, 0.2, 0.4, 0.8, 1.6),
                    List.of(ItemKnn.NO_WINDOW, 50, 20, 10, 5, 2, 1));
        }
    }

    /** What validation chose. */
    public record Chosen(
            ImplicitAls.Config als,
            int knnK,
            Duration halfLife,
            int recentWindow,
            int recentK,
            double recentHalfLife,
            BlendWeights weights,
            BlendWeights weightsWithoutRecent,
            double exposureP) {}

    /** Long-tail places in the top 10 tried for the exposure-cost lines of the validation log. */
    static final int LONG_TAIL_SLOTS_TRIED = 6;

    /** The long-tail exposure the extra FA*IR row aims at. */
    public static final double EXPOSURE_GOAL = 0.3;

    /**
     * @param validation every grid point tried, one line each, in order
     * @param test the test-split table
     */
    public record Report(
            Chosen chosen,
            List<String> validation,
            List<Evaluator.Result> test,
            int testUsers,
            long trainInteractions,
            long testInteractions,
            double seconds) {}

    private OfflineEvaluation() {}

    public static Report run(Dataset dataset, float[][] itemContent, Options options, Consumer<String> log) {
        long started = System.nanoTime();
        ProfileConfig baseProfile = ProfileConfig.defaults();
        TemporalSplit.Split outer =
                TemporalSplit.split(dataset.interactions(), dataset.users(), TemporalSplit.DEFAULT_FRACTION);
        TemporalSplit.Split inner = TemporalSplit.split(outer.train(), dataset.users(), TemporalSplit.DEFAULT_FRACTION);
        List<String> lines = new ArrayList<>();
        Consumer<String> note = line -> {
            lines.add(line);
            log.accept(line);
        };

        // ---- validation ----
        TrainingData fit = new TrainingData(dataset.users(), dataset.items(), inner.train(), baseProfile);
        boolean[] tail = fit.longTail(HEAD_SHARE);
        Evaluator validation = new Evaluator(fit, inner.test(), tail, baseProfile, options.threads());
        note.accept(String.format(
                Locale.ROOT,
                "validation: %d training interactions, %d held out, %d shoppers evaluated",
                inner.train().size(),
                inner.test().size(),
                validation.users()));

        ImplicitAls.Config base = ImplicitAls.Config.defaults()
                .withThreads(options.threads())
                .withSeed(options.seed())
                .withIterations(options.iterations());
        ImplicitAls.Config bestAls = null;
        AlsModel bestModel = null;
        double bestAlsScore = -1;
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
                    if (score > bestAlsScore) {
                        bestAlsScore = score;
                        bestAls = config;
                        bestModel = model;
                    }
                }
            }
        }

        int bestK = options.knnGrid().get(0);
        double bestKnnScore = -1;
        ItemKnn knn = new ItemKnn(fit, Math.max(max(options.knnGrid()), max(options.recentKGrid())));
        for (int k : options.knnGrid()) {
            double score = validation
                    .evaluate("itemknn", Ranker.of(knn.scorer(k), fit))
                    .ndcg10();
            note.accept(String.format(Locale.ROOT, "  itemknn k=%d  NDCG@10=%.4f", k, score));
            if (score > bestKnnScore) {
                bestKnnScore = score;
                bestK = k;
            }
        }

        Duration bestHalfLife = options.halfLifeGrid().get(0);
        double bestContentScore = -1;
        for (Duration halfLife : options.halfLifeGrid()) {
            double score = validation
                    .evaluate(
                            "content",
                            Ranker.of(
                                    Scorers.content(
                                            fit, dataset.itemIds(), itemContent, baseProfile.withHalfLife(halfLife)),
                                    fit))
                    .ndcg10();
            note.accept(String.format(Locale.ROOT, "  content halfLife=%dd  NDCG@10=%.4f", halfLife.toDays(), score));
            if (score > bestContentScore) {
                bestContentScore = score;
                bestHalfLife = halfLife;
            }
        }

        Profiles profiles = new Profiles(fit, dataset.itemIds(), null, baseProfile);
        int recentMaxK = max(options.recentKGrid());
        RecentChoice best = null;
        BlendWeights bestWithoutRecent = null;
        double bestWithoutRecentScore = -1;
        // CF, content and popularity are the same for every window: their score functions are built once.
        Map<ScoreSource, ScoreFunction> fitSources =
                baseSources(fit, bestModel, dataset.itemIds(), itemContent, baseProfile.withHalfLife(bestHalfLife));
        for (int window : options.windowGrid()) {
            ItemKnn neighbours = window == ItemKnn.NO_WINDOW ? knn : new ItemKnn(fit, recentMaxK, window);
            String windowName = windowName(window);
            int bestRecentK = options.recentKGrid().get(0);
            double bestRecentHalfLife = options.recentHalfLifeGrid().get(0);
            double bestRecentScore = -1;
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
                    if (score > bestRecentScore) {
                        bestRecentScore = score;
                        bestRecentK = k;
                        bestRecentHalfLife = halfLife;
                    }
                }
            }
            Hybrid.Prepared prepared = hybrid(
                            fit,
                            fitSources,
                            RecentNeighbours.scorer(fit, profiles, neighbours, bestRecentK, bestRecentHalfLife),
                            tail,
                            dataset.itemIds())
                    .prepare(options.threads());
            for (double recent : options.recentGrid()) {
                for (double content : options.contentGrid()) {
                    for (double popularity : options.popularityGrid()) {
                        BlendWeights weights = weights(content, popularity, recent);
                        double score = validation
                                .evaluate("hybrid", prepared.ranker(weights, null))
                                .ndcg10();
                        note.accept(String.format(
                                Locale.ROOT,
                                "  hybrid window=%s cf=0.4 content=%s popularity=%s recent=%s  NDCG@10=%.4f",
                                windowName,
                                content,
                                popularity,
                                recent,
                                score));
                        if (best == null || score > best.score()) {
                            best = new RecentChoice(window, bestRecentK, bestRecentHalfLife, weights, score, prepared);
                        }
                    }
                }
            }
        }
        // The ablation: the same blend without the recent-item neighbours as a source at all.
        Hybrid.Prepared withoutRecent =
                hybrid(fit, fitSources, null, tail, dataset.itemIds()).prepare(options.threads());
        for (double content : options.contentGrid()) {
            for (double popularity : options.popularityGrid()) {
                BlendWeights weights = weights(content, popularity, 0);
                double score = validation
                        .evaluate("hybrid", withoutRecent.ranker(weights, null))
                        .ndcg10();
                note.accept(String.format(
                        Locale.ROOT,
                        "  hybrid without recent-item neighbours cf=0.4 content=%s popularity=%s  NDCG@10=%.4f",
                        content,
                        popularity,
                        score));
                if (score > bestWithoutRecentScore) {
                    bestWithoutRecentScore = score;
                    bestWithoutRecent = weights;
                }
            }
        }
        BlendWeights bestWeights = best.weights();
        Hybrid.Prepared prepared = best.prepared();
        double exposureP = exposureCosts(validation, prepared, bestWeights, best.score(), options.fairnessGrid(), note);
        Chosen chosen = new Chosen(
                bestAls,
                bestK,
                bestHalfLife,
                best.window(),
                best.k(),
                best.halfLife(),
                bestWeights,
                bestWithoutRecent == null ? bestWeights : bestWithoutRecent,
                exposureP);
        note.accept("chosen: " + describe(chosen));

        // ---- test: refit on the whole training part, evaluate once ----
        TrainingData train = new TrainingData(dataset.users(), dataset.items(), outer.train(), baseProfile);
        boolean[] testTail = train.longTail(HEAD_SHARE);
        Evaluator test = new Evaluator(train, outer.test(), testTail, baseProfile, options.threads());
        AlsModel model = new ImplicitAls(bestAls).train(train.matrix());
        ProfileConfig profile = baseProfile.withHalfLife(bestHalfLife);
        ItemKnn testKnn = new ItemKnn(train, bestK);
        ItemKnn recentKnn = new ItemKnn(train, chosen.recentK(), chosen.recentWindow());
        List<Evaluator.Result> results = new ArrayList<>();
        Map<ScoreSource, ScoreFunction> trainSources =
                baseSources(train, model, dataset.itemIds(), itemContent, profile);
        results.add(test.evaluate("MostPopular", Ranker.of(trainSources.get(ScoreSource.POPULARITY), train)));
        results.add(test.evaluate("ItemKNN (cosine, k=" + bestK + ")", Ranker.of(testKnn.scorer(bestK), train)));
        results.add(test.evaluate("Implicit ALS", Ranker.of(trainSources.get(ScoreSource.CF), train)));
        results.add(test.evaluate("Content only", Ranker.of(trainSources.get(ScoreSource.CONTENT), train)));
        ScoreFunction recent = RecentNeighbours.scorer(
                train,
                new Profiles(train, dataset.itemIds(), null, baseProfile),
                recentKnn,
                chosen.recentK(),
                chosen.recentHalfLife());
        Hybrid.Prepared final_ =
                hybrid(train, trainSources, recent, testTail, dataset.itemIds()).prepare(options.threads());
        results.add(test.evaluate(
                "Hybrid (CF + recent-item neighbours + content + popularity)", final_.ranker(bestWeights, null)));
        results.add(
                test.evaluate("Hybrid + FA*IR (long tail, p=0.3)", final_.ranker(bestWeights, fairness(FAIRNESS_P))));
        results.add(test.evaluate(
                String.format(Locale.ROOT, "Hybrid + FA*IR (long tail, p=%s, chosen on validation)", exposureP),
                final_.ranker(bestWeights, fairness(exposureP))));
        Hybrid.Prepared finalWithoutRecent =
                hybrid(train, trainSources, null, testTail, dataset.itemIds()).prepare(options.threads());
        results.add(test.evaluate(
                "Hybrid without recent-item neighbours (CF + content + popularity)",
                finalWithoutRecent.ranker(chosen.weightsWithoutRecent(), null)));
        return new Report(
                chosen,
                lines,
                results,
                test.users(),
                outer.train().size(),
                outer.test().size(),
                (System.nanoTime() - started) / 1e9);
    }

    /** FA*IR over the long tail at target p, α = 0.1 adjusted; no seller cap (not part of this evaluation). */
    static FairReranker fairness(double p) {
        return new FairReranker(new FairnessConfig(p, FairnessConfig.DEFAULT_ALPHA, true, 1.0));
    }

    /**
     * The long-tail lines of the validation log: FA*IR at each p until the exposure goal is reached, how often
     * each place is a hit in the hybrid's order and among its long-tail candidates alone, and what the m best
     * long-tail candidates in the last m places of the top 10 cost.
     *
     * @return the smallest p that reached {@link #EXPOSURE_GOAL}, or the largest tried
     */
    private static double exposureCosts(
            Evaluator validation,
            Hybrid.Prepared prepared,
            BlendWeights weights,
            double bestScore,
            List<Double> fairnessGrid,
            Consumer<String> note) {
        double exposureP = fairnessGrid.get(fairnessGrid.size() - 1);
        for (double p : fairnessGrid) {
            Evaluator.Result result = validation.evaluate("fair", prepared.ranker(weights, fairness(p)));
            note.accept(String.format(
                    Locale.ROOT,
                    "  hybrid + FA*IR p=%s  NDCG@10=%.4f (cost %.1f%%)  long-tail exposure=%.3f",
                    p,
                    result.ndcg10(),
                    100 * (1 - result.ndcg10() / bestScore),
                    result.longTailShare()));
            if (result.longTailShare() >= EXPOSURE_GOAL) {
                exposureP = p;
                break;
            }
        }
        // Why long-tail exposure is dear: how often each place is a hit, in the hybrid's order and among its
        // long-tail candidates alone (the top 10 filled with them, in blended order).
        note.accept("  hit rate by rank 1-10, hybrid: "
                + rates(validation.hitRates(prepared.ranker(weights, null), Evaluator.CUTOFF)));
        note.accept("  hit rate by rank 1-10, its long-tail candidates alone: "
                + rates(validation.hitRates(
                        prepared.longTailAtBottom(weights, Evaluator.CUTOFF, Evaluator.CUTOFF), Evaluator.CUTOFF)));
        // What exposure costs whatever the mechanism: the m best long-tail candidates in the last m places.
        for (int slots = 1; slots <= LONG_TAIL_SLOTS_TRIED; slots++) {
            Evaluator.Result result =
                    validation.evaluate("fill", prepared.longTailAtBottom(weights, slots, Evaluator.CUTOFF));
            note.accept(String.format(
                    Locale.ROOT,
                    "  hybrid, best %d long-tail candidates in the last places of the top 10  NDCG@10=%.4f (cost %.1f%%)"
                            + "  long-tail exposure=%.3f",
                    slots,
                    result.ndcg10(),
                    100 * (1 - result.ndcg10() / bestScore),
                    result.longTailShare()));
        }
        return exposureP;
    }

    /**
     * @param base the CF, content and popularity sources ({@link #baseSources})
     * @param recent the recent-item neighbours source, or {@code null} for a hybrid without it
     */
    static Hybrid hybrid(
            TrainingData data,
            Map<ScoreSource, ScoreFunction> base,
            ScoreFunction recent,
            boolean[] tail,
            List<String> itemIds) {
        Map<ScoreSource, ScoreFunction> sources = new EnumMap<>(base);
        if (recent != null) {
            sources.put(ScoreSource.RECENT, recent);
        }
        return new Hybrid(data, sources, Hybrid.DEFAULT_CANDIDATES_PER_SOURCE, tail, itemIds);
    }

    /** The hybrid's sources that are also baselines: CF (ALS fold-in), content and popularity. */
    static Map<ScoreSource, ScoreFunction> baseSources(
            TrainingData data, AlsModel model, List<String> itemIds, float[][] itemContent, ProfileConfig profile) {
        Map<ScoreSource, ScoreFunction> sources = new EnumMap<>(ScoreSource.class);
        sources.put(ScoreSource.CF, Scorers.als(data, model));
        sources.put(ScoreSource.CONTENT, Scorers.content(data, itemIds, itemContent, profile));
        sources.put(ScoreSource.POPULARITY, Scorers.popularity(data));
        return sources;
    }

    /** The recent-item neighbours and blend chosen on validation, with the candidates they were scored on. */
    private record RecentChoice(
            int window, int k, double halfLife, BlendWeights weights, double score, Hybrid.Prepared prepared) {}

    private static String rates(double[] rates) {
        StringBuilder out = new StringBuilder();
        for (double rate : rates) {
            out.append(out.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.3f", rate));
        }
        return out.toString();
    }

    static String windowName(int window) {
        return window == ItemKnn.NO_WINDOW ? "none" : Integer.toString(window);
    }

    static BlendWeights weights(double content, double popularity, double recent) {
        Map<ScoreSource, Double> map = new EnumMap<>(ScoreSource.class);
        map.put(ScoreSource.CF, 0.4);
        map.put(ScoreSource.CONTENT, content);
        map.put(ScoreSource.POPULARITY, popularity);
        map.put(ScoreSource.RECENT, recent);
        return new BlendWeights(map);
    }

    public static String describe(Chosen chosen) {
        ImplicitAls.Config als = chosen.als();
        return String.format(
                Locale.ROOT,
                "ALS factors=%d lambda=%s alpha=%s iterations=%d; ItemKNN k=%d; content half-life %d days;"
                        + " recent-item neighbours window=%s k=%d half-life %s positions;"
                        + " blend cf=%s content=%s popularity=%s recent=%s"
                        + " (without recent: content=%s popularity=%s); FA*IR p for the exposure goal %s",
                als.factors(),
                als.lambda(),
                als.alpha(),
                als.iterations(),
                chosen.knnK(),
                chosen.halfLife().toDays(),
                windowName(chosen.recentWindow()),
                chosen.recentK(),
                chosen.recentHalfLife(),
                chosen.weights().weight(ScoreSource.CF),
                chosen.weights().weight(ScoreSource.CONTENT),
                chosen.weights().weight(ScoreSource.POPULARITY),
                chosen.weights().weight(ScoreSource.RECENT),
                chosen.weightsWithoutRecent().weight(ScoreSource.CONTENT),
                chosen.weightsWithoutRecent().weight(ScoreSource.POPULARITY),
                chosen.exposureP());
    }

    private static int max(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}
