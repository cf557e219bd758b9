package dev.recsys.ranker.fairness;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the fairness pass did to one ranking, for the response's explanation and for monitoring.
 *
 * @param k the length of the ranking returned (the k asked for, or fewer when there were fewer
 *     candidates)
 * @param protectedCount protected items in the ranking
 * @param protectedShare {@code protectedCount / k}, 0 for an empty ranking
 * @param quotaMet whether every prefix i holds at least {@code minProtectedAtPrefix[i - 1]} protected
 *     items
 * @param enoughProtectedCandidates whether the candidates held at least m(k) protected items; when
 *     not, the quota cannot be met and the ranking holds every protected candidate it could place
 * @param minProtectedAtPrefix m(i) at index i − 1 (all zeros when the quota is off)
 * @param protectedAtPrefix protected items among the first i positions, at index i − 1
 * @param largestSellerShare the share of the ranking held by the seller with the most items
 * @param largestSeller that seller (the first to appear among equals), {@code null} for an empty
 *     ranking
 * @param note a sentence on anything a reader should know (quota missed and why, seller cap
 *     relaxed), empty when there is nothing to say
 */
public record FairnessReport(
        int k,
        int protectedCount,
        double protectedShare,
        boolean quotaMet,
        boolean enoughProtectedCandidates,
        int[] minProtectedAtPrefix,
        int[] protectedAtPrefix,
        double largestSellerShare,
        String largestSeller,
        String note) {

    public FairnessReport {
        Objects.requireNonNull(minProtectedAtPrefix, "minProtectedAtPrefix");
        Objects.requireNonNull(protectedAtPrefix, "protectedAtPrefix");
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, got " + k);
        }
        if (minProtectedAtPrefix.length != k || protectedAtPrefix.length != k) {
            throw new IllegalArgumentException("minProtectedAtPrefix and protectedAtPrefix must have k = " + k
                    + " entries, got " + minProtectedAtPrefix.length + " and " + protectedAtPrefix.length);
        }
        minProtectedAtPrefix = minProtectedAtPrefix.clone();
        protectedAtPrefix = protectedAtPrefix.clone();
        note = note == null ? "" : note;
    }

    /** A copy: m(i) at index i − 1. */
    @Override
    public int[] minProtectedAtPrefix() {
        return minProtectedAtPrefix.clone();
    }

    /** A copy: protected items among the first i positions at index i − 1. */
    @Override
    public int[] protectedAtPrefix() {
        return protectedAtPrefix.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FairnessReport that
                && k == that.k
                && protectedCount == that.protectedCount
                && Double.compare(protectedShare, that.protectedShare) == 0
                && quotaMet == that.quotaMet
                && enoughProtectedCandidates == that.enoughProtectedCandidates
                && Arrays.equals(minProtectedAtPrefix, that.minProtectedAtPrefix)
                && Arrays.equals(protectedAtPrefix, that.protectedAtPrefix)
                && Double.compare(largestSellerShare, that.largestSellerShare) == 0
                && Objects.equals(largestSeller, that.largestSeller)
                && note.equals(that.note);
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(
                k,
                protectedCount,
                protectedShare,
                quotaMet,
                enoughProtectedCandidates,
                largestSellerShare,
                largestSeller,
                note);
        hash = 31 * hash + Arrays.hashCode(minProtectedAtPrefix);
        return 31 * hash + Arrays.hashCode(protectedAtPrefix);
    }

    @Override
    public String toString() {
        return "FairnessReport[k=" + k + ", protectedCount=" + protectedCount + ", protectedShare=" + protectedShare
                + ", quotaMet=" + quotaMet + ", enoughProtectedCandidates=" + enoughProtectedCandidates
                + ", minProtectedAtPrefix=" + Arrays.toString(minProtectedAtPrefix) + ", protectedAtPrefix="
                + Arrays.toString(protectedAtPrefix) + ", largestSellerShare=" + largestSellerShare
                + ", largestSeller=" + largestSeller + ", note=" + note + "]";
    }
}
