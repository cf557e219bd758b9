package dev.recsys.ranker.eval;

import dev.recsys.ranker.cf.AlsModel;
import dev.recsys.ranker.cf.ImplicitAls;
import dev.recsys.ranker.fairness.FairReranker;
import dev.recsys.ranker.fairness.FairnessConfig;
import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.rank.BlendWeights;
import dev.recsys.ranker.rank.ScoreSource;
import dev.recsys.ranker.sequence.SequenceFilter;
import dev.recsys.ranker.sequence.SequenceModelConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

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
 * {@link TestRun}, which adds each embedder's {@link FairnessFrontier}. Several embedders' content vectors
 * ({@link ItemContent}) are evaluated on the same split in one run: what reads no content is chosen, fitted
 * and evaluated once, what reads content again for each embedder. Every model is seeded and every parallel step stores results by index, so a run is
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
     * @param fairnessGrid FA*IR target proportions tried, smallest first, for the extra row that aims at the
     *     exposure goal: the first that reaches it is taken, so a fine grid lands close to the goal instead of
     *     overshooting it at a higher cost
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
                    List.of(0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9),
                    List.of(25, 100),
                    List.of(1.0, 2.0, 5.0, 10.0, Double.POSITIVE_INFINITY),
                    List.of(0.0, 0.2, 0.4, 0.8, 1.6),
                    List.of(ItemKnn.NO_WINDOW, 50, 20, 10, 5, 2, 1));
        }
    }

    /**
     * What validation chose.
     *
     * @param exposureP the FA*IR p that reached {@link #EXPOSURE_GOAL} with {@code weights}
     * @param fairWeights the blend chosen with the quota on at {@code exposureP}: a list that always passes
     *     through FA*IR is best blended for the fair list, not for the unconstrained one
     * @param sequence the sequence model chosen, or {@code null} when the evaluation trains none
     * @param sequenceWeights the blend of the hybrid with the sequence model, or {@code null} without one
     */
    public record Chosen(
            ImplicitAls.Config als,
            int knnK,
            Duration halfLife,
            int recentWindow,
            int recentK,
            double recentHalfLife,
            BlendWeights weights,
            BlendWeights weightsWithoutRecent,
            double exposureP,
            BlendWeights fairWeights,
            SequenceChoice sequence,
            BlendWeights sequenceWeights) {}

    /**
     * The sequence model's settings chosen on validation.
     *
     * @param config the settings, with {@code epochs} the best epoch on validation (early stopping)
     * @param filter the events it reads
     * @param score its NDCG@10 alone on validation
     * @param seconds the training time of that setting on the validation fit, early stopping included
     */
    public record SequenceChoice(SequenceModelConfig config, SequenceFilter filter, double score, double seconds) {
        public String describe() {
            return config.describe() + " epochs=" + config.epochs() + " events=" + filter.flagName();
        }
    }

    /**
     * The sequence model of the test run.
     *
     * @param choice the settings chosen on validation
     * @param seconds its training time on the whole training part
     * @param parameters its number of weights
     */
    public record SequenceSummary(SequenceChoice choice, double seconds, long parameters) {}

    /** The long-tail exposure the extra FA*IR row aims at. */
    public static final double EXPOSURE_GOAL = 0.3;

    /**
     * @param baselines the test rows of the models that read no content: MostPopular, ItemKNN, implicit ALS
     * @param contents each embedder's choices and test rows, in the order given
     * @param validation every grid point tried, one line each, in order
     * @param sequence the sequence model as trained for the test run, or {@code null} without one
     */
    public record Report(
            List<Evaluator.Result> baselines,
            List<ContentResults> contents,
            List<String> validation,
            SequenceSummary sequence,
            int testUsers,
            long trainInteractions,
            long testInteractions,
            double seconds) {
        public Report {
            baselines = List.copyOf(baselines);
            contents = List.copyOf(contents);
            validation = List.copyOf(validation);
        }

        /**
         * The test-split table: the baselines, then each kind of content row (content only, hybrid, FA*IR at
         * p = 0.3, FA*IR at the chosen p, hybrid without recent-item neighbours, hybrid with the sequence model)
         * for every embedder in turn,
         * so that the embedders' rows of one model sit together.
         */
        public List<Evaluator.Result> test() {
            List<Evaluator.Result> rows = new ArrayList<>(baselines);
            List<Function<ContentResults, Evaluator.Result>> kinds = List.of(
                    ContentResults::contentOnly,
                    ContentResults::hybrid,
                    ContentResults::fair,
                    ContentResults::exposure,
                    ContentResults::withoutRecent,
                    ContentResults::withSequence);
            for (Function<ContentResults, Evaluator.Result> kind : kinds) {
                for (ContentResults content : contents) {
                    Evaluator.Result row = kind.apply(content);
                    if (row != null) {
                        rows.add(row);
                    }
                }
            }
            return rows;
        }

        /**
         * The best unconstrained single model by NDCG@10: MostPopular, ItemKNN, implicit ALS, the sequence model
         * alone when evaluated, and every embedder's content-only row.
         */
        public Evaluator.Result bestBaseline() {
            List<Evaluator.Result> candidates = new ArrayList<>(baselines);
            contents.forEach(content -> candidates.add(content.contentOnly()));
            Evaluator.Result best = candidates.get(0);
            for (Evaluator.Result row : candidates) {
                if (row.ndcg10() > best.ndcg10()) {
                    best = row;
                }
            }
            return best;
        }
    }

    private OfflineEvaluation() {}

    /**
     * Splits the data, chooses every hyper-parameter on validation ({@link ValidationSearch}), then refits and
     * evaluates every model once on test ({@link TestRun}), with each embedder's content vectors in turn.
     *
     * @param contents the item content vectors of each embedder, at least one; the first takes part in the
     *     whole validation search, the others in what their vectors enter ({@link ValidationSearch})
     * @param log receives each line of the validation log as it is written
     */
    public static Report run(Dataset dataset, List<ItemContent> contents, Options options, Consumer<String> log) {
        return run(dataset, contents, options, null, log);
    }

    /**
     * As {@link #run(Dataset, List, Options, Consumer)}, with the sequence model trained and chosen as {@code
     * sequence} says: its row alone, and each embedder's hybrid with it.
     *
     * @param sequence the sequence model's trainer and grids, or {@code null} to leave it out
     */
    public static Report run(
            Dataset dataset,
            List<ItemContent> contents,
            Options options,
            SequenceOptions sequence,
            Consumer<String> log) {
        if (contents.isEmpty()) {
            throw new IllegalArgumentException("no content vectors to evaluate");
        }
        for (ItemContent content : contents) {
            if (content.vectors().length != dataset.items()) {
                throw new IllegalArgumentException(content.name() + " has " + content.vectors().length + " vectors for "
                        + dataset.items() + " items");
            }
        }
        long started = System.nanoTime();
        TemporalSplit.Split outer =
                TemporalSplit.split(dataset.interactions(), dataset.users(), TemporalSplit.DEFAULT_FRACTION);
        TemporalSplit.Split inner = TemporalSplit.split(outer.train(), dataset.users(), TemporalSplit.DEFAULT_FRACTION);
        List<String> lines = new ArrayList<>();
        Consumer<String> note = line -> {
            lines.add(line);
            log.accept(line);
        };
        List<ValidationSearch.ContentChoice> choices = validate(dataset, contents, inner, options, sequence, note);
        TestRun test =
                new TestRun(dataset, outer, options.threads(), sequence == null ? null : sequence.fitter(), note);
        List<Evaluator.Result> baselines = test.baselines(choices.get(0).chosen());
        List<ContentResults> results = new ArrayList<>();
        for (int c = 0; c < contents.size(); c++) {
            ValidationSearch.ContentChoice choice = choices.get(c);
            results.add(test.content(contents.get(c), choice.chosen(), choice.hitRates()));
        }
        return new Report(
                baselines,
                results,
                lines,
                test.sequenceSummary(),
                test.users(),
                outer.train().size(),
                outer.test().size(),
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * Step 2 for each embedder in turn; what the search kept for them (models, neighbour tables) is dropped
     * before the test run.
     */
    private static List<ValidationSearch.ContentChoice> validate(
            Dataset dataset,
            List<ItemContent> contents,
            TemporalSplit.Split inner,
            Options options,
            SequenceOptions sequence,
            Consumer<String> note) {
        ValidationSearch search = new ValidationSearch(dataset, inner, options, sequence, note);
        List<ValidationSearch.ContentChoice> choices = new ArrayList<>();
        for (ItemContent content : contents) {
            ValidationSearch.ContentChoice choice =
                    choices.isEmpty() ? search.choose(content) : search.chooseWithRecentOf(content, choices.get(0));
            choices.add(choice);
            note.accept("chosen with " + content.name() + ": " + describe(choice.chosen()));
        }
        return choices.stream()
                .map(c -> new ValidationSearch.ContentChoice(c.chosen(), c.hitRates(), null))
                .toList();
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
        return hybrid(data, base, recent, null, tail, itemIds);
    }

    /** As {@link #hybrid(TrainingData, Map, ScoreFunction, boolean[], List)}, with the sequence model's source. */
    static Hybrid hybrid(
            TrainingData data,
            Map<ScoreSource, ScoreFunction> base,
            ScoreFunction recent,
            ScoreFunction sequence,
            boolean[] tail,
            List<String> itemIds) {
        Map<ScoreSource, ScoreFunction> sources = new EnumMap<>(base);
        if (recent != null) {
            sources.put(ScoreSource.RECENT, recent);
        }
        if (sequence != null) {
            sources.put(ScoreSource.SEQ, sequence);
        }
        return new Hybrid(data, sources, Hybrid.DEFAULT_CANDIDATES_PER_SOURCE, tail, itemIds);
    }

    /**
     * The hybrid's sources that are also baselines: CF (ALS fold-in), content and popularity, each keeping its
     * candidates per shopper ({@link CachedSource}) for the hybrids prepared with them.
     *
     * @param cf the CF source, when one is shared between several calls; {@code null} for one from {@code model}
     */
    static Map<ScoreSource, ScoreFunction> baseSources(
            TrainingData data,
            AlsModel model,
            ScoreFunction cf,
            List<String> itemIds,
            float[][] itemContent,
            ProfileConfig profile) {
        Map<ScoreSource, ScoreFunction> sources = new EnumMap<>(ScoreSource.class);
        sources.put(ScoreSource.CF, cf != null ? cf : cached(Scorers.als(data, model), data));
        sources.put(ScoreSource.CONTENT, cached(Scorers.content(data, itemIds, itemContent, profile), data));
        sources.put(ScoreSource.POPULARITY, cached(Scorers.popularity(data), data));
        return sources;
    }

    /** A source that keeps each shopper's hybrid candidates once computed. */
    static ScoreFunction cached(PointScores source, TrainingData data) {
        return new CachedSource(source, data, Hybrid.DEFAULT_CANDIDATES_PER_SOURCE);
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
                                + " (without recent: content=%s popularity=%s); FA*IR p for the exposure goal %s,"
                                + " blend with the quota on content=%s popularity=%s recent=%s",
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
                        chosen.exposureP(),
                        chosen.fairWeights().weight(ScoreSource.CONTENT),
                        chosen.fairWeights().weight(ScoreSource.POPULARITY),
                        chosen.fairWeights().weight(ScoreSource.RECENT))
                + (chosen.sequence() == null
                        ? ""
                        : "; sequence model " + chosen.sequence().describe() + ", blend with it content="
                                + chosen.sequenceWeights().weight(ScoreSource.CONTENT) + " popularity="
                                + chosen.sequenceWeights().weight(ScoreSource.POPULARITY) + " recent="
                                + chosen.sequenceWeights().weight(ScoreSource.RECENT) + " seq="
                                + chosen.sequenceWeights().weight(ScoreSource.SEQ));
    }
}
