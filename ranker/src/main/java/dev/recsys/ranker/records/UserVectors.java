package dev.recsys.ranker.records;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A shopper's current embeddings, the value of the compacted {@code user-vectors} topic (key =
 * userId). Readers keep the record that {@link #supersedes} the others per shopper, so at-least-once
 * delivery and replays never move a shopper back in time; a null value (tombstone) means the
 * shopper was erased.
 *
 * @param version increases by one with every applied interaction
 * @param updatedAt processing time of the update, epoch milliseconds
 * @param eventTs event time of the newest interaction applied, epoch milliseconds
 * @param content the L2-normalised content profile, or an all-zero vector when the signals cancel
 * @param cf the CF factor, or {@code null} until item CF vectors exist
 * @param recent the latest interactions, newest first
 * @param counts interactions applied per event type (JSON names)
 * @param erasedUpTo 0 for a shopper never erased; otherwise the time (epoch milliseconds) of the
 *     shopper's latest erasure: the profile holds only events after it, and its versions count
 *     again from 1
 */
public record UserVectors(
        String userId,
        long version,
        long updatedAt,
        long eventTs,
        float[] content,
        float[] cf,
        List<RecentInteraction> recent,
        Map<String, Long> counts,
        long erasedUpTo) {

    public UserVectors {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(content, "content");
        if (erasedUpTo < 0) {
            throw new IllegalArgumentException("erasedUpTo must not be negative, got " + erasedUpTo);
        }
        recent = recent == null ? List.of() : List.copyOf(recent);
        counts = counts == null ? Map.of() : Map.copyOf(counts);
    }

    /** A record of a shopper never erased. */
    public UserVectors(
            String userId,
            long version,
            long updatedAt,
            long eventTs,
            float[] content,
            float[] cf,
            List<RecentInteraction> recent,
            Map<String, Long> counts) {
        this(userId, version, updatedAt, eventTs, content, cf, recent, counts, 0);
    }

    /** The same record after the erasure at {@code erasedUpTo}. */
    public UserVectors withErasedUpTo(long erasedUpTo) {
        return new UserVectors(userId, version, updatedAt, eventTs, content, cf, recent, counts, erasedUpTo);
    }

    /**
     * Whether this record replaces {@code other} of the same shopper: a later erasure wins, then the
     * higher version. An equal record does not supersede.
     */
    public boolean supersedes(UserVectors other) {
        return supersedes(erasedUpTo, version, other.erasedUpTo, other.version);
    }

    /** The order of {@link #supersedes(UserVectors)} on the two fields that decide it. */
    public static boolean supersedes(long erasedUpTo, long version, long otherErasedUpTo, long otherVersion) {
        return erasedUpTo != otherErasedUpTo ? erasedUpTo > otherErasedUpTo : version > otherVersion;
    }
}
