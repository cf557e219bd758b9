package dev.recsys.ranker.eval;

import dev.recsys.ranker.fairness.FairReranker;
import dev.recsys.ranker.rank.BlendWeights;
import dev.recsys.ranker.rank.Candidate;
import dev.recsys.ranker.rank.RankedItem;
import dev.recsys.ranker.rank.ScoreBlender;
import dev.recsys.ranker.rank.ScoreSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntToDoubleFunction;

/**
 * The project's ranking as the feed runs it: candidates are the top N of each source (CF, content,
 * popularity, recent-item neighbours, the sequence model; recent-item neighbours only where they score above 0) minus the shopper's training
 * items; every candidate is scored by every source; {@link
 * ScoreBlender} blends them with {@link BlendWeights}; optionally {@link FairReranker} applies the FA*IR
 * quota with the long tail as the protected group.
 *
 * <p>Candidates do not depend on the weights, so they are built once per shopper ({@link #prepare}) and a
 * grid over weights only re-blends.
 */
public final class Hybrid {
    /** Candidates taken from each source. */
    public static final int DEFAULT_CANDIDATES_PER_SOURCE = 100;

    /** Seller id given to every evaluation candidate: the seller cap is not part of this evaluation. */
    static final String SELLER = "catalog";

    private static final ScoreSource[] SOURCES = {
        ScoreSource.CF, ScoreSource.CONTENT, ScoreSource.POPULARITY, ScoreSource.RECENT, ScoreSource.SEQ
    };

    private final TrainingData data;
    private final Map<ScoreSource, ScoreFunction> sources;
    private final int perSource;
    private final boolean[] longTail;
    private final List<String> itemIds;
    private final ScoreBlender blender = new ScoreBlender();

    /**
     * @param sources the score function of each source; a source that is absent is neither a generator nor
     *     a score
     * @param itemIds item ids by index (the blender breaks ties by id)
     */
    public Hybrid(
            TrainingData data,
            Map<ScoreSource, ScoreFunction> sources,
            int perSource,
            boolean[] longTail,
            List<String> itemIds) {
        if (perSource < 1) {
            throw new IllegalArgumentException("perSource must be at least 1, got " + perSource);
        }
        this.data = data;
        this.sources = new EnumMap<>(sources);
        this.perSource = perSource;
        this.longTail = longTail.clone();
        this.itemIds = List.copyOf(itemIds);
    }

    /**
     * One shopper's candidates, with every source's raw score. A {@link CachedSource} gives its kept top items
     * and point scores; any other source is scored over the whole catalog.
     */
    public List<Candidate> candidates(int user) {
        Map<ScoreSource, IntToDoubleFunction> scores = new EnumMap<>(ScoreSource.class);
        Map<Integer, Set<String>> origins = new LinkedHashMap<>();
        for (ScoreSource source : SOURCES) {
            ScoreFunction function = sources.get(source);
            if (function == null) {
                continue;
            }
            IntToDoubleFunction scorer;
            int[] top;
            if (function instanceof CachedSource cached) {
                scorer = cached.scorer(user);
                top = cached.top(user, data.seen(user), perSource);
            } else {
                double[] s = function.scores(user);
                scorer = item -> s[item];
                top = TopK.select(s, data.seen(user), perSource);
            }
            scores.put(source, scorer);
            for (int item : top) {
                if (source == ScoreSource.RECENT && !(scorer.applyAsDouble(item) > 0)) {
                    break; // a neighbour list proposes only the items it reaches (sorted: the rest are 0 too)
                }
                origins.computeIfAbsent(item, i -> new TreeSet<>()).add(source.jsonName());
            }
        }
        List<Candidate> out = new ArrayList<>(origins.size());
        for (Map.Entry<Integer, Set<String>> entry : origins.entrySet()) {
            int item = entry.getKey();
            Map<ScoreSource, Double> raw = new EnumMap<>(ScoreSource.class);
            scores.forEach((source, scorer) -> raw.put(source, scorer.applyAsDouble(item)));
            out.add(new Candidate(itemIds.get(item), SELLER, "", longTail[item], raw, entry.getValue()));
        }
        return out;
    }

    /** Precomputes every shopper's candidates (in parallel, by index) for repeated blending. */
    public Prepared prepare(int threads) {
        List<List<Candidate>> all = Parallel.map(data.users(), threads, "hybrid-candidates", this::candidates);
        return new Prepared(all);
    }

    /** Candidates of every shopper, ready to be blended under any weights. */
    public final class Prepared {
        private final List<List<Candidate>> candidates;
        private final Map<String, Integer> index = new java.util.HashMap<>();

        private Prepared(List<List<Candidate>> candidates) {
            this.candidates = candidates;
            for (int i = 0; i < itemIds.size(); i++) {
                index.put(itemIds.get(i), i);
            }
        }

        /**
         * @param fairness the fairness pass, or {@code null} for the blended order
         */
        public Ranker ranker(BlendWeights weights, FairReranker fairness) {
            return (user, k) -> {
                List<RankedItem> blended = blender.blend(candidates.get(user), weights);
                List<RankedItem> top = fairness == null || blended.isEmpty()
                        ? blended.subList(0, Math.min(k, blended.size()))
                        : fairness.rerank(blended, k).items();
                int[] out = new int[top.size()];
                for (int r = 0; r < out.length; r++) {
                    out[r] = index.get(top.get(r).itemId());
                }
                return out;
            };
        }

        /**
         * The blended order with long-tail items in at least {@code slots} of the first {@code cutoff} places:
         * where the top {@code cutoff} holds fewer, the best long-tail candidates below it take the last places
         * of it, in their order, and the head items they push out move down. Head items near the top are the
         * most often relevant, so this is about the cheapest way a given ranking can buy long-tail exposure;
         * it measures what exposure costs rather than being a way to serve.
         */
        public Ranker longTailAtBottom(BlendWeights weights, int slots, int cutoff) {
            return (user, k) -> {
                List<RankedItem> blended = blender.blend(candidates.get(user), weights);
                int top = Math.min(cutoff, blended.size());
                int inTop = 0;
                for (int r = 0; r < top; r++) {
                    inTop += blended.get(r).protectedItem() ? 1 : 0;
                }
                List<RankedItem> promoted = new ArrayList<>();
                int wanted = Math.min(slots, top); // never more than the top holds
                for (int r = top; r < blended.size() && inTop + promoted.size() < wanted; r++) {
                    if (blended.get(r).protectedItem()) {
                        promoted.add(blended.get(r));
                    }
                }
                List<RankedItem> order = new ArrayList<>(blended.subList(0, top));
                List<RankedItem> pushedOut = new ArrayList<>();
                for (int n = 0; n < promoted.size(); n++) {
                    int last = order.size() - 1;
                    while (order.get(last).protectedItem()) {
                        last--;
                    }
                    pushedOut.add(0, order.remove(last));
                }
                order.addAll(promoted);
                order.addAll(pushedOut);
                for (int r = top; r < blended.size() && order.size() < k; r++) {
                    if (!promoted.contains(blended.get(r))) {
                        order.add(blended.get(r));
                    }
                }
                int[] out = new int[Math.min(k, order.size())];
                for (int r = 0; r < out.length; r++) {
                    out[r] = index.get(order.get(r).itemId());
                }
                return out;
            };
        }
    }
}
