package dev.recsys.ranker.records;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A shopper's current embeddings, the value of the compacted {@code user-vectors} topic (key =
 * userId). Readers keep the record with the highest {@code version} per shopper, so at-least-once
 * delivery and replays never move a shopper back in time.
 *
 * @param version increases by one with every applied interaction
 * @param updatedAt processing time of the update, epoch milliseconds
 * @param eventTs event time of the newest interaction applied, epoch milliseconds
 * @param content the L2-normalised content profile, or an all-zero vector when the signals cancel
 * @param cf the CF factor, or {@code null} until item CF vectors exist
 * @param recent the latest interactions, newest first
 * @param counts interactions applied per event type (JSON names)
 */
public record UserVectors(
        String userId,
        long version,
        long updatedAt,
        long eventTs,
        float[] content,
        float[] cf,
        List<RecentInteraction> recent,
        Map<String, Long> counts) {

    public UserVectors {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(content, "content");
        recent = recent == null ? List.of() : List.copyOf(recent);
        counts = counts == null ? Map.of() : Map.copyOf(counts);
    }
}
