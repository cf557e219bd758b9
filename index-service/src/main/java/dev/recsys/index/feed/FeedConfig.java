package dev.recsys.index.feed;

import dev.recsys.ranker.neighbours.RecentNeighbourScoring;
import dev.recsys.ranker.rank.BlendWeights;
import java.util.Objects;

/**
 * How many candidates each generator proposes and how the feed is ranked.
 *
 * @param knnCandidates nearest neighbours of the shopper's content vector; default {@value
 *     #DEFAULT_KNN_CANDIDATES}
 * @param cfCandidates items with the largest CF preference for the shopper's CF factor (when the
 *     catalog generation has CF vectors and the shopper a factor of the same model); default {@value
 *     #DEFAULT_CF_CANDIDATES}
 * @param similarShopperCandidates items the shopper's nearest neighbours by CF factor recently
 *     engaged with (from the live shopper index); default {@value #DEFAULT_SIMILAR_SHOPPER_CANDIDATES}
 * @param newCandidates newest items added to every feed; default {@value #DEFAULT_NEW_CANDIDATES}
 * @param trendingCandidates the items trending most in {@code trendingWindow} (from {@code
 *     item-stats}), for every feed, cold start included; default {@value #DEFAULT_TRENDING_CANDIDATES}
 * @param trendingWindow the item-stats window trending is read from; default {@value
 *     #DEFAULT_TRENDING_WINDOW}
 * @param coldStartCandidates the category-spread sample a cold-start feed starts from; default
 *     {@value #DEFAULT_COLD_START_CANDIDATES}
 * @param historySize how many of the shopper's recent items may explain a result; default {@value
 *     #DEFAULT_HISTORY_SIZE}
 * @param becausePerItem history items shown per result; default {@value #DEFAULT_BECAUSE_PER_ITEM}
 * @param weights the blend weights a request starts from
 * @param policy protected group, popularity prior and fairness pass
 * @param recentNeighbourCandidates items proposed by the catalog generation's neighbour lists of the
 *     shopper's recent items (when the generation has them); default {@value
 *     #DEFAULT_RECENT_NEIGHBOUR_CANDIDATES}
 * @param recentHalfLife recency half-life, in positions of the recent list, of those items' weights
 *     {@code 2^(−age/h)} (entries of the same time share an age); default {@value #DEFAULT_RECENT_HALF_LIFE} (chosen on validation, docs/EVALUATION.md)
 */
public record FeedConfig(
        int knnCandidates,
        int cfCandidates,
        int similarShopperCandidates,
        int newCandidates,
        int trendingCandidates,
        String trendingWindow,
        int coldStartCandidates,
        int historySize,
        int becausePerItem,
        BlendWeights weights,
        RankingPolicy policy,
        int recentNeighbourCandidates,
        double recentHalfLife) {

    public static final int DEFAULT_KNN_CANDIDATES = 200;
    public static final int DEFAULT_CF_CANDIDATES = 200;
    public static final int DEFAULT_SIMILAR_SHOPPER_CANDIDATES = 100;
    public static final int DEFAULT_NEW_CANDIDATES = 20;
    public static final int DEFAULT_TRENDING_CANDIDATES = 50;
    public static final String DEFAULT_TRENDING_WINDOW = "PT1H";
    public static final int DEFAULT_COLD_START_CANDIDATES = 200;
    public static final int DEFAULT_HISTORY_SIZE = 20;
    public static final int DEFAULT_BECAUSE_PER_ITEM = 2;
    public static final int DEFAULT_RECENT_NEIGHBOUR_CANDIDATES = 200;
    public static final double DEFAULT_RECENT_HALF_LIFE = RecentNeighbourScoring.DEFAULT_HALF_LIFE;

    public FeedConfig {
        checkRange("knnCandidates", knnCandidates, 1, 10_000);
        checkRange("cfCandidates", cfCandidates, 0, 10_000);
        checkRange("similarShopperCandidates", similarShopperCandidates, 0, 10_000);
        checkRange("newCandidates", newCandidates, 0, 10_000);
        checkRange("trendingCandidates", trendingCandidates, 0, 1_000);
        Objects.requireNonNull(trendingWindow, "trendingWindow");
        checkRange("coldStartCandidates", coldStartCandidates, 1, 10_000);
        checkRange("historySize", historySize, 0, 1_000);
        checkRange("becausePerItem", becausePerItem, 0, 10);
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(policy, "policy");
        checkRange("recentNeighbourCandidates", recentNeighbourCandidates, 0, 10_000);
        if (!(recentHalfLife > 0)) {
            throw new IllegalArgumentException("recentHalfLife must be positive, got " + recentHalfLife);
        }
    }

    public static FeedConfig defaults() {
        return new FeedConfig(
                DEFAULT_KNN_CANDIDATES,
                DEFAULT_CF_CANDIDATES,
                DEFAULT_SIMILAR_SHOPPER_CANDIDATES,
                DEFAULT_NEW_CANDIDATES,
                DEFAULT_TRENDING_CANDIDATES,
                DEFAULT_TRENDING_WINDOW,
                DEFAULT_COLD_START_CANDIDATES,
                DEFAULT_HISTORY_SIZE,
                DEFAULT_BECAUSE_PER_ITEM,
                BlendWeights.defaults(),
                RankingPolicy.defaults(),
                DEFAULT_RECENT_NEIGHBOUR_CANDIDATES,
                DEFAULT_RECENT_HALF_LIFE);
    }

    public FeedConfig withPolicy(RankingPolicy newPolicy) {
        return new FeedConfig(
                knnCandidates,
                cfCandidates,
                similarShopperCandidates,
                newCandidates,
                trendingCandidates,
                trendingWindow,
                coldStartCandidates,
                historySize,
                becausePerItem,
                weights,
                newPolicy,
                recentNeighbourCandidates,
                recentHalfLife);
    }

    public FeedConfig withRecentNeighbours(int candidates, double halfLife) {
        return new FeedConfig(
                knnCandidates,
                cfCandidates,
                similarShopperCandidates,
                newCandidates,
                trendingCandidates,
                trendingWindow,
                coldStartCandidates,
                historySize,
                becausePerItem,
                weights,
                policy,
                candidates,
                halfLife);
    }

    private static void checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
