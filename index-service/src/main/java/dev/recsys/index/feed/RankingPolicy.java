package dev.recsys.index.feed;

import dev.recsys.ranker.fairness.FairRanking;
import dev.recsys.ranker.fairness.FairReranker;
import dev.recsys.ranker.fairness.FairnessConfig;
import dev.recsys.ranker.rank.RankedItem;
import dev.recsys.ranker.records.CatalogItem;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What feed and search share after retrieval: which items the fairness pass protects, the popularity
 * prior, and the fairness pass itself. Immutable and thread-safe.
 *
 * <p>Until the stream job publishes windowed interaction counts, the popularity source is a newness
 * prior: {@code 2^(-age / newnessHalfLife)}, 1 for an item created now and 0.5 for one a half-life
 * old. It favours fresh items a little (its default weight is small) and breaks ties between equally
 * relevant ones.
 */
public final class RankingPolicy {
    /** Items of sellers in these tiers form the protected group by default. */
    public static final Set<String> DEFAULT_PROTECTED_TIERS = Set.of("small");

    public static final Duration DEFAULT_NEWNESS_HALF_LIFE = Duration.ofDays(30);

    private final ProtectedGroup protectedGroup;
    private final FairReranker reranker;
    private final Duration newnessHalfLife;
    private final double halfLifeMillis;

    /**
     * @param protectedTiers seller tiers whose items form the protected group (compared in lower case)
     * @param fairness the fairness pass's settings
     * @param newnessHalfLife the age at which the newness prior halves
     */
    public RankingPolicy(Set<String> protectedTiers, FairnessConfig fairness, Duration newnessHalfLife) {
        this(
                ProtectedGroup.sellerTiers(Objects.requireNonNull(protectedTiers, "protectedTiers")),
                fairness,
                newnessHalfLife);
    }

    /**
     * @param protectedGroup the items the fairness pass protects
     * @param fairness the fairness pass's settings
     * @param newnessHalfLife the age at which the newness prior halves
     */
    public RankingPolicy(ProtectedGroup protectedGroup, FairnessConfig fairness, Duration newnessHalfLife) {
        Objects.requireNonNull(protectedGroup, "protectedGroup");
        Objects.requireNonNull(fairness, "fairness");
        if (newnessHalfLife == null || newnessHalfLife.isNegative() || newnessHalfLife.isZero()) {
            throw new IllegalArgumentException("newnessHalfLife must be positive, got " + newnessHalfLife);
        }
        this.protectedGroup = protectedGroup;
        this.reranker = new FairReranker(fairness);
        this.newnessHalfLife = newnessHalfLife;
        this.halfLifeMillis = newnessHalfLife.toMillis();
    }

    /** Small sellers protected, {@link FairnessConfig#defaults()}, a 30-day newness half-life. */
    public static RankingPolicy defaults() {
        return new RankingPolicy(DEFAULT_PROTECTED_TIERS, FairnessConfig.defaults(), DEFAULT_NEWNESS_HALF_LIFE);
    }

    public ProtectedGroup protectedGroup() {
        return protectedGroup;
    }

    public FairnessConfig fairness() {
        return reranker.config();
    }

    public Duration newnessHalfLife() {
        return newnessHalfLife;
    }

    /** In words, for answers: which items are protected. */
    public String describeProtectedGroup() {
        return protectedGroup.describe();
    }

    /** Whether the item belongs to the protected group at {@code nowMillis}. */
    public boolean isProtected(CatalogItem item, long nowMillis) {
        return protectedGroup.contains(item, nowMillis);
    }

    /** The newness prior in (0, 1]; items dated in the future count as new. */
    public double newness(CatalogItem item, long nowMillis) {
        long ageMillis = Math.max(0, nowMillis - item.createdAt().toEpochMilli());
        return Math.pow(2, -ageMillis / halfLifeMillis);
    }

    /** The fairness pass over a blended ranking, cut to {@code k}. */
    public FairRanking rerank(List<RankedItem> blended, int k) {
        return reranker.rerank(blended, k);
    }
}
