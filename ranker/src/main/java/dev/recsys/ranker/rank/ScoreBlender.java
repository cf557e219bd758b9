package dev.recsys.ranker.rank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Blends the scores of several sources into one ranking: {@code score = Σ_s w_s · norm_s(raw_s)}.
 *
 * <p>Each source is min-max normalised to [0, 1] over the candidates of this one request, because
 * the sources have unrelated scales (a cosine in [-1, 1], an unbounded BM25 score, a count) and
 * adding them raw would let the largest scale decide alone. A candidate a source did not score gets
 * 0 for it, the same as that source's lowest score. A source whose scores are all equal cannot tell
 * its candidates apart; it gives 1 to every candidate it scored, so being scored still counts.
 *
 * <p>The order is by score, highest first, and by item id among equal scores, so the same candidates
 * rank the same way on every run whatever order they arrive in. Stateless and thread-safe.
 */
public final class ScoreBlender {
    private static final ScoreSource[] SOURCES = ScoreSource.values();

    /**
     * Blends and sorts the candidates.
     *
     * @param candidates the candidates of one request, each item at most once
     * @return the ranked items, best first, with {@code blendedRank} 1, 2, …; unmodifiable
     * @throws IllegalArgumentException if an item id occurs twice
     */
    public List<RankedItem> blend(List<Candidate> candidates, BlendWeights weights) {
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(weights, "weights");
        int n = candidates.size();
        Set<String> seen = new HashSet<>(n * 2);
        for (int i = 0; i < n; i++) {
            Candidate candidate = candidates.get(i);
            if (candidate == null) {
                throw new IllegalArgumentException("candidates must not contain null (index " + i + ")");
            }
            if (!seen.add(candidate.itemId())) {
                throw new IllegalArgumentException(
                        "candidates must not contain item '" + candidate.itemId() + "' twice; merge its origins");
            }
        }

        double[] min = new double[SOURCES.length];
        double[] max = new double[SOURCES.length];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        SourceScores[] raws = new SourceScores[n];
        for (int i = 0; i < n; i++) {
            // Candidate always holds its scores as SourceScores (Checks.copyScores).
            SourceScores raw = (SourceScores) candidates.get(i).rawScores();
            raws[i] = raw;
            for (int s = 0; s < SOURCES.length; s++) {
                double value = raw.valueOf(SOURCES[s]);
                if (!Double.isNaN(value)) {
                    min[s] = Math.min(min[s], value);
                    max[s] = Math.max(max[s], value);
                }
            }
        }
        double[] weight = new double[SOURCES.length];
        for (int s = 0; s < SOURCES.length; s++) {
            weight[s] = weights.weight(SOURCES[s]);
        }

        List<Scored> scored = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] parts = SourceScores.emptyValues();
            double score = 0;
            for (int s = 0; s < SOURCES.length; s++) {
                double raw = raws[i].valueOf(SOURCES[s]);
                if (!Double.isNaN(raw)) {
                    double part = weight[s] * normalise(raw, min[s], max[s]);
                    parts[s] = part;
                    score += part;
                }
            }
            scored.add(new Scored(candidates.get(i), score, new SourceScores(parts)));
        }
        scored.sort((a, b) -> {
            int byScore = Double.compare(b.score(), a.score());
            return byScore != 0
                    ? byScore
                    : a.candidate().itemId().compareTo(b.candidate().itemId());
        });

        List<RankedItem> ranked = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Scored item = scored.get(i);
            Candidate candidate = item.candidate();
            ranked.add(new RankedItem(
                    candidate.itemId(),
                    candidate.sellerId(),
                    candidate.category(),
                    candidate.protectedItem(),
                    item.score(),
                    item.parts(),
                    candidate.origins(),
                    i + 1,
                    false));
        }
        return Collections.unmodifiableList(ranked);
    }

    /**
     * Min-max normalisation to [0, 1]; 1 when the source cannot tell its candidates apart. Computed on
     * halves so that extreme but finite scores cannot overflow the range to infinity.
     */
    static double normalise(double raw, double min, double max) {
        double range = max / 2 - min / 2;
        if (!(range > 0)) {
            return 1;
        }
        double value = (raw / 2 - min / 2) / range;
        return Math.min(1, Math.max(0, value));
    }

    private record Scored(Candidate candidate, double score, SourceScores parts) {}
}
