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
 * Step 2 is {@link ValidationSearch} (with {@link LongTailCosts} for the long-tail lines of its log), step 3
 * {@link TestRun}. Every model is seeded and every parallel step stores results by index, so a run is
 * reproducible.
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

    /**
     * Splits the data, chooses every hyper-parameter on validation ({@link ValidationSearch}), then refits and
     * evaluates every model once on test ({@link TestRun}).
     *
     * @param itemContent each item's content vector, by item index
     * @param log receives each line of the validation log as it is written
     */
    public static Report run(Dataset dataset, float[][] itemContent, Options options, Consumer<String> log) {
        long started = System.nanoTime();
        TemporalSplit.Split outer =
                TemporalSplit.split(dataset.interactions(), dataset.users(), TemporalSplit.DEFAULT_FRACTION);
        TemporalSplit.Split inner = TemporalSplit.split(outer.train(), dataset.users(), TemporalSplit.DEFAULT_FRACTION);
        List<String> lines = new ArrayList<>();
        Consumer<String> note = line -> {
            lines.add(line);
            log.accept(line);
        };
        Chosen chosen = new ValidationSearch(dataset, itemContent, inner, options, note).choose();
        note.accept("chosen: " + describe(chosen));
        TestRun.Outcome test = TestRun.evaluate(dataset, itemContent, outer, chosen, options.threads());
        return new Report(
                chosen,
                lines,
                test.results(),
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
}
