package dev.recsys.ingest.kafka;

import java.util.Locale;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/**
 * Where the {@code interactions} source starts when the job has no checkpoint to resume from.
 *
 * <p>There is deliberately no "where the consumer group left off": a job without a checkpoint has
 * empty state, and resuming from committed offsets with empty state restarts every returning
 * shopper's versions at 1, below what readers already hold, so they ignore every new record. The
 * position in the topic and the state built from it are only consistent together, in a checkpoint;
 * the offsets the job commits on checkpoints are for monitoring its lag.
 */
public enum StartingOffsets {
    /** The oldest retained event: rebuilds every shopper's state from the topic. */
    EARLIEST,
    /**
     * Only events produced after the job starts, with empty state: returning shoppers' versions start
     * again at 1. For a new deployment or load tests, never to resume.
     */
    LATEST;

    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a flag value; the message lists the accepted values. */
    public static StartingOffsets fromFlag(String value) {
        for (StartingOffsets offsets : values()) {
            if (offsets.flagValue().equals(value)) {
                return offsets;
            }
        }
        if (value.equals("committed")) {
            throw new IllegalArgumentException(
                    "'committed' is not accepted: the job resumes from its latest checkpoint,"
                            + " which holds the offsets together with the state built from them (use earliest or latest)");
        }
        throw new IllegalArgumentException("expected earliest or latest, got '" + value + "'");
    }

    OffsetsInitializer initializer() {
        return switch (this) {
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
        };
    }
}
