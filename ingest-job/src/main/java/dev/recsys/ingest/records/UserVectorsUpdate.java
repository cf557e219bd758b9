package dev.recsys.ingest.records;

import dev.recsys.ranker.records.UserVectors;

/**
 * One record for {@code user-vectors}: a shopper's new vectors, or a tombstone (null value) once
 * the shopper is erased, which makes the compacted topic drop what it holds of them.
 *
 * @param userId the key
 * @param vectors the new vectors, or {@code null} for a tombstone
 */
public record UserVectorsUpdate(String userId, UserVectors vectors) {

    public static UserVectorsUpdate of(UserVectors vectors) {
        return new UserVectorsUpdate(vectors.userId(), vectors);
    }

    public static UserVectorsUpdate tombstone(String userId) {
        return new UserVectorsUpdate(userId, null);
    }

    public boolean isTombstone() {
        return vectors == null;
    }
}
