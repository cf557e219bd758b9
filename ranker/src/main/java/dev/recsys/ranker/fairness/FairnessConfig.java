package dev.recsys.ranker.fairness;

/**
 * The knobs of the fairness pass.
 *
 * @param targetProportion p: the protected group should hold at least this share of every prefix,
 *     up to statistical noise; 0 turns the quota off
 * @param alpha the significance of the FA*IR prefix test: the accepted chance of rejecting a ranking
 *     that was in fact fair
 * @param adjustAlpha whether to correct α for testing every prefix (recommended: without it, a fair
 *     ranking of 20 fails some prefix test far more often than α)
 * @param maxSellerShare no seller may hold more than {@code ceil(maxSellerShare × k)} of the top k;
 *     1 turns the cap off
 */
public record FairnessConfig(double targetProportion, double alpha, boolean adjustAlpha, double maxSellerShare) {

    /**
     * A floor, not a target: a protected group of small sellers or long-tail items that makes up about
     * a third of a typical catalog keeps at least its statistical share of every prefix.
     */
    public static final double DEFAULT_TARGET_PROPORTION = 0.3;

    /** The level used throughout the experiments of the FA*IR paper. */
    public static final double DEFAULT_ALPHA = 0.1;

    /** At most 6 of a top 20 from one seller: a page that still shows a handful of shops. */
    public static final double DEFAULT_MAX_SELLER_SHARE = 0.3;

    public FairnessConfig {
        if (!(targetProportion >= 0 && targetProportion <= 1)) {
            throw new IllegalArgumentException("targetProportion must be between 0 and 1, got " + targetProportion);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be greater than 0 and less than 1, got " + alpha);
        }
        if (!(maxSellerShare > 0 && maxSellerShare <= 1)) {
            throw new IllegalArgumentException(
                    "maxSellerShare must be greater than 0 and at most 1, got " + maxSellerShare);
        }
    }

    /** p = 0.3, α = 0.1 adjusted, at most 30% of the top k per seller. */
    public static FairnessConfig defaults() {
        return new FairnessConfig(DEFAULT_TARGET_PROPORTION, DEFAULT_ALPHA, true, DEFAULT_MAX_SELLER_SHARE);
    }

    /** No quota and no seller cap: the fairness pass returns the blended order unchanged. */
    public static FairnessConfig disabled() {
        return new FairnessConfig(0, DEFAULT_ALPHA, false, 1);
    }

    public boolean quotaEnabled() {
        return targetProportion > 0;
    }

    public boolean sellerCapEnabled() {
        return maxSellerShare < 1;
    }

    public boolean enabled() {
        return quotaEnabled() || sellerCapEnabled();
    }

    /**
     * The most items one seller may hold in a ranking of length k: {@code ceil(maxSellerShare × k)}.
     * A hair is taken off before rounding up, so that 0.3 × 20 (6.000000000000001 in binary) gives 6.
     */
    public int sellerCap(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, got " + k);
        }
        if (!sellerCapEnabled()) {
            return k;
        }
        return Math.max(1, (int) Math.ceil(maxSellerShare * k - 1e-9));
    }
}
