package dev.recsys.ranker.fairness;

import java.util.List;
import java.util.Objects;

/**
 * Position-weighted exposure over a recent window of served rankings (see {@link ExposureLedger}).
 * Every share is 0 when nothing was served in the window.
 *
 * @param windowStart the start of the oldest bucket covered, epoch ms
 * @param windowEnd the time of the report, epoch ms
 * @param rankings rankings served in the window
 * @param items items served in them
 * @param protectedItems protected items among them
 * @param exposure the summed position weights of every item served
 * @param protectedExposure the part of {@code exposure} that went to protected items
 * @param protectedExposureShare {@code protectedExposure / exposure}: compare with the fairness
 *     target; below {@code protectedItemShare} when protected items sit lower in the rankings
 * @param protectedItemShare {@code protectedItems / items}, position ignored
 * @param sellers distinct sellers tracked in the window
 * @param untrackedSellerShare the share of exposure folded into "other" because a bucket already
 *     tracked as many sellers as it may; while it is above 0, a seller's share is a lower bound
 * @param topSellers the sellers with the most exposure, most first (ties by id)
 * @param largestSeller the first of them, {@code null} when none
 * @param largestSellerShare its share of exposure, 0 when none
 */
public record ExposureReport(
        long windowStart,
        long windowEnd,
        long rankings,
        long items,
        long protectedItems,
        double exposure,
        double protectedExposure,
        double protectedExposureShare,
        double protectedItemShare,
        int sellers,
        double untrackedSellerShare,
        List<SellerExposure> topSellers,
        String largestSeller,
        double largestSellerShare) {

    /** One seller's exposure and its share of all exposure in the window. */
    public record SellerExposure(String sellerId, double exposure, double share) {
        public SellerExposure {
            Objects.requireNonNull(sellerId, "sellerId");
        }
    }

    public ExposureReport {
        topSellers = List.copyOf(topSellers);
    }
}
