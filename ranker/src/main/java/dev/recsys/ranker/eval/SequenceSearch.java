package dev.recsys.ranker.eval;

import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.rank.BlendWeights;
import dev.recsys.ranker.rank.ScoreSource;
import dev.recsys.ranker.sequence.EarlyStopping;
import dev.recsys.ranker.sequence.SequenceFilter;
import dev.recsys.ranker.sequence.SequenceFitter;
import dev.recsys.ranker.sequence.SequenceModelConfig;
import dev.recsys.ranker.sequence.SequenceWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The sequence model's part of {@link ValidationSearch}: its settings, event filter and epochs, then its weight
 * in the hybrid, all on the validation split. Each grid point is a line of the validation log.
 */
final class SequenceSearch {
    private final TrainingData fit;
    private final ProfileConfig baseProfile;
    private final Evaluator validation;
    private final OfflineEvaluation.Options options;
    private final SequenceOptions sequenceOptions;
    private final Consumer<String> note;

    SequenceSearch(
            TrainingData fit,
            ProfileConfig baseProfile,
            Evaluator validation,
            OfflineEvaluation.Options options,
            SequenceOptions sequenceOptions,
            Consumer<String> note) {
        this.fit = fit;
        this.baseProfile = baseProfile;
        this.validation = validation;
        this.options = options;
        this.sequenceOptions = sequenceOptions;
        this.note = note;
    }

    /** The sequence model chosen, with its trained weights' source for the hybrid (candidates kept). */
    record Found(OfflineEvaluation.SequenceChoice choice, ScoreFunction source) {}

    /**
     * The sequence model's settings and event filter by its NDCG@10 alone: each setting of the grid trained
     * with early stopping on validation, its best epoch kept.
     */
    Found choose(Profiles profiles) {
        SequenceOptions search = sequenceOptions;
        Found best = null;
        SequenceWeights bestWeights = null;
        List<List<int[]>> tried = new ArrayList<>();
        for (SequenceFilter filter : search.filters()) {
            List<int[]> sequences = SequenceHistories.training(fit, baseProfile, filter);
            if (tried.stream().anyMatch(other -> sameSequences(other, sequences))) {
                note.accept("  sequence events=" + filter.flagName() + ": the same sequences as a filter tried before");
                continue;
            }
            tried.add(sequences);
            for (SequenceModelConfig config : search.grid()) {
                String name = config.describe() + " events=" + filter.flagName();
                EarlyStopping stopping = new EarlyStopping(
                        (epoch, weights) -> {
                            double score = validation
                                    .evaluate(
                                            "sequence",
                                            Ranker.of(Scorers.sequence(profiles, weights, baseProfile, filter), fit))
                                    .ndcg10();
                            note.accept(String.format(
                                    Locale.ROOT, "  sequence %s epoch=%d  NDCG@10=%.4f", name, epoch, score));
                            return score;
                        },
                        search.checkEvery(),
                        search.patience(),
                        search.warmUp());
                SequenceFitter.Fit fitted = search.fitter().fit(sequences, fit.items(), config, stopping, line -> {});
                note.accept(String.format(
                        Locale.ROOT,
                        "  sequence %s: best epoch %d, NDCG@10=%.4f, trained in %.0f s",
                        name,
                        fitted.epochs(),
                        fitted.score(),
                        fitted.seconds()));
                if (best == null || fitted.score() > best.choice().score()) {
                    best = new Found(
                            new OfflineEvaluation.SequenceChoice(
                                    config.withEpochs(fitted.epochs()), filter, fitted.score(), fitted.seconds()),
                            null);
                    bestWeights = fitted.weights();
                }
            }
        }
        ScoreFunction source = OfflineEvaluation.cached(
                Scorers.sequence(
                        profiles, bestWeights, baseProfile, best.choice().filter()),
                fit);
        note.accept("  sequence model chosen: " + best.choice().describe());
        return new Found(best.choice(), source);
    }

    private static boolean sameSequences(List<int[]> a, List<int[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The blend of the hybrid with the sequence model, from the chosen blend without it by coordinate ascent:
     * the sequence weight over its grid, then content, popularity and recent-item neighbours each over theirs
     * with the others held, twice. The full grid with one more source would cost six times the search above.
     *
     * @param prepared the hybrid's candidates with the sequence model as a source
     * @param start the blend chosen without it
     */
    BlendWeights chooseBlend(Hybrid.Prepared prepared, BlendWeights start) {
        BlendWeights current = start;
        double currentScore =
                validation.evaluate("hybrid", prepared.ranker(current, null)).ndcg10();
        Map<ScoreSource, List<Double>> grids = new java.util.LinkedHashMap<>();
        grids.put(ScoreSource.SEQ, sequenceOptions.weightGrid());
        grids.put(ScoreSource.CONTENT, options.contentGrid());
        grids.put(ScoreSource.POPULARITY, options.popularityGrid());
        grids.put(ScoreSource.RECENT, options.recentGrid());
        for (int round = 0; round < 2; round++) {
            for (Map.Entry<ScoreSource, List<Double>> grid : grids.entrySet()) {
                for (double weight : grid.getValue()) {
                    BlendWeights weights = current.with(grid.getKey(), weight);
                    double score = validation
                            .evaluate("hybrid", prepared.ranker(weights, null))
                            .ndcg10();
                    note.accept(String.format(
                            Locale.ROOT,
                            "  hybrid with the sequence model %s seq=%s  NDCG@10=%.4f",
                            ValidationSearch.describe(weights),
                            weights.weight(ScoreSource.SEQ),
                            score));
                    if (score > currentScore) {
                        current = weights;
                        currentScore = score;
                    }
                }
            }
        }
        return current;
    }
}
