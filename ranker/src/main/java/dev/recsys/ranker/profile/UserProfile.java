package dev.recsys.ranker.profile;

import java.util.Objects;

/**
 * A shopper's profile as the stream job keeps it in keyed state: flat fields and arrays only. The
 * job writes it into checkpoints as one block in its own format ({@code UserProfileSerializer} in
 * the ingest job): a field added here needs a new format version there.
 *
 * @param version number of interactions applied so far
 * @param lastEventTs the newest event time applied; decay is measured from here
 * @param updatedAt processing time of the last update
 * @param contentSum the decayed, weighted sum of item content vectors (not normalised)
 * @param cf the CF factor, or {@code null} until item CF vectors exist
 * @param recentItems item ids of the latest interactions, newest first
 * @param recentTypes event type ordinals, parallel to {@code recentItems}
 * @param recentTs event times, parallel to {@code recentItems}
 * @param recentValues event values (a rating's stars), parallel to {@code recentItems}, NaN where the
 *     event had none; {@code null} in state written before values were kept (read as none)
 * @param counts interactions applied, indexed by event type ordinal
 * @param cfHistory the items and weights the CF factor is folded in from, or {@code null} before
 *     the shopper touched an item with CF factors
 */
public record UserProfile(
        String userId,
        long version,
        long lastEventTs,
        long updatedAt,
        float[] contentSum,
        float[] cf,
        String[] recentItems,
        byte[] recentTypes,
        long[] recentTs,
        float[] recentValues,
        long[] counts,
        CfHistory cfHistory) {

    public UserProfile {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(contentSum, "contentSum");
        Objects.requireNonNull(recentItems, "recentItems");
        Objects.requireNonNull(recentTypes, "recentTypes");
        Objects.requireNonNull(recentTs, "recentTs");
        Objects.requireNonNull(counts, "counts");
    }

    /** The value of recent entry {@code i}, or {@code null} when the event had none. */
    public Double recentValue(int i) {
        return recentValues == null || i >= recentValues.length || Float.isNaN(recentValues[i])
                ? null
                : (double) recentValues[i];
    }

    /**
     * A copy that shares no array with this one: the stream job changes a profile's arrays in place
     * ({@link ProfileUpdater#applyInPlace}), so a copy that must stay as it is needs its own.
     */
    public UserProfile deepCopy() {
        return new UserProfile(
                userId,
                version,
                lastEventTs,
                updatedAt,
                contentSum.clone(),
                cf == null ? null : cf.clone(),
                recentItems.clone(),
                recentTypes.clone(),
                recentTs.clone(),
                recentValues == null ? null : recentValues.clone(),
                counts.clone(),
                cfHistory == null
                        ? null
                        : new CfHistory(
                                cfHistory.generation(),
                                cfHistory.items().clone(),
                                cfHistory.weights().clone(),
                                cfHistory.factors().clone(),
                                cfHistory.gram() == null
                                        ? null
                                        : cfHistory.gram().clone()));
    }

    /** The same profile under another version number. */
    public UserProfile withVersion(long newVersion) {
        return new UserProfile(
                userId,
                newVersion,
                lastEventTs,
                updatedAt,
                contentSum,
                cf,
                recentItems,
                recentTypes,
                recentTs,
                recentValues,
                counts,
                cfHistory);
    }
}
