package dev.recsys.ranker.eval;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Scores rankers against held-out interactions: for every shopper with at least one relevant held-out
 * item, the ranker's top 20 over the full catalog (training items excluded, no sampled negatives), then
 * the accuracy metrics (Precision@10, Recall@10 and @20, F1@10, NDCG@10, MRR@10) averaged over those
 * shoppers and the exposure metrics over their top-10 lists.
 *
 * <p>Relevant: the distinct held-out items with a positive CF weight (a rating of any value, a view, a
 * purchase; not a dislike) that the shopper did not already have in training, since those cannot be
 * recommended again.
 */
public final class Evaluator {
    public static final int CUTOFF = 10;
    public static final int LONG_CUTOFF = 20;

    /**
     * One row of the results table. The accuracy metrics are means over the evaluated shoppers of each
     * shopper's value; {@code f1At10} too is the mean of per-shopper F1@10, not the F1 of the means.
     *
     * @param longTailShare position-weighted exposure ({@code 1/log2(rank + 1)}) of long-tail items over
     *     all exposure in the top 10, summed over shoppers
     * @param longTailCount share of top-10 slots held by long-tail items
     */
    public record Result(
            String name,
            int users,
            double precision10,
            double recall10,
            double f1At10,
            double recall20,
            double ndcg10,
            double mrr10,
            double coverage,
            double gini,
            double longTailShare,
            double longTailCount) {
        /** The same figures under another name. */
        public Result named(String newName) {
            return new Result(
                    newName,
                    users,
                    precision10,
                    recall10,
                    f1At10,
                    recall20,
                    ndcg10,
                    mrr10,
                    coverage,
                    gini,
                    longTailShare,
                    longTailCount);
        }
    }

    private final TrainingData data;
    private final boolean[] longTail;
    private final int threads;
    private final List<Integer> evaluated = new ArrayList<>();
    private final BitSet[] relevant;

    public Evaluator(
            TrainingData data,
            List<Interaction> heldOut,
            boolean[] longTail,
            dev.recsys.ranker.profile.ProfileConfig profile,
            int threads) {
        this.data = data;
        this.longTail = longTail.clone();
        this.threads = threads;
        this.relevant = new BitSet[data.users()];
        for (int u = 0; u < data.users(); u++) {
            relevant[u] = new BitSet();
        }
        for (Interaction interaction : heldOut) {
            if (TrainingData.cfWeight(interaction, profile) > 0
                    && !data.seen(interaction.user()).get(interaction.item())) {
                relevant[interaction.user()].set(interaction.item());
            }
        }
        for (int u = 0; u < data.users(); u++) {
            if (!relevant[u].isEmpty()) {
                evaluated.add(u);
            }
        }
    }

    /** Shoppers with at least one relevant held-out item. */
    public int users() {
        return evaluated.size();
    }

    /**
     * The share of evaluated shoppers whose item at each rank 1 … {@code ranks} is relevant: how often a
     * place of the ranking is a hit, which NDCG sums with its discounts.
     */
    public double[] hitRates(Ranker ranker, int ranks) {
        List<int[]> lists =
                Parallel.map(evaluated.size(), threads, "hit-rates", n -> ranker.rank(evaluated.get(n), ranks));
        double[] rates = new double[ranks];
        for (int n = 0; n < evaluated.size(); n++) {
            int[] ranked = lists.get(n);
            for (int r = 0; r < Math.min(ranks, ranked.length); r++) {
                rates[r] += relevant[evaluated.get(n)].get(ranked[r]) ? 1 : 0;
            }
        }
        for (int r = 0; r < ranks; r++) {
            rates[r] /= Math.max(1, evaluated.size());
        }
        return rates;
    }

    public Result evaluate(String name, Ranker ranker) {
        List<int[]> lists =
                Parallel.map(evaluated.size(), threads, "evaluate", n -> ranker.rank(evaluated.get(n), LONG_CUTOFF));
        double precision10 = 0;
        double recall10 = 0;
        double f1At10 = 0;
        double recall20 = 0;
        double ndcg = 0;
        double mrr = 0;
        long[] exposure = new long[data.items()];
        double tailWeight = 0;
        double allWeight = 0;
        long tailSlots = 0;
        long slots = 0;
        for (int n = 0; n < evaluated.size(); n++) {
            int[] ranked = lists.get(n);
            BitSet rel = relevant[evaluated.get(n)];
            double precision = Metrics.precision(ranked, rel, CUTOFF);
            double recall = Metrics.recall(ranked, rel, CUTOFF);
            precision10 += precision;
            recall10 += recall;
            f1At10 += Metrics.f1(precision, recall);
            recall20 += Metrics.recall(ranked, rel, LONG_CUTOFF);
            ndcg += Metrics.ndcg(ranked, rel, CUTOFF);
            mrr += Metrics.mrr(ranked, rel, CUTOFF);
            for (int r = 0; r < Math.min(CUTOFF, ranked.length); r++) {
                int item = ranked[r];
                exposure[item]++;
                double w = Metrics.discount(r + 1);
                allWeight += w;
                slots++;
                if (longTail[item]) {
                    tailWeight += w;
                    tailSlots++;
                }
            }
        }
        int users = Math.max(1, evaluated.size());
        return new Result(
                name,
                evaluated.size(),
                precision10 / users,
                recall10 / users,
                f1At10 / users,
                recall20 / users,
                ndcg / users,
                mrr / users,
                Metrics.coverage(exposure),
                Metrics.gini(exposure),
                allWeight == 0 ? 0 : tailWeight / allWeight,
                slots == 0 ? 0 : tailSlots / (double) slots);
    }
}
