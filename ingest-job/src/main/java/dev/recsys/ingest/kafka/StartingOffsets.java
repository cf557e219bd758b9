package dev.recsys.ingest.kafka;

import java.util.Locale;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Where the {@code interactions} source starts when the job has no checkpoint to resume from. */
public enum StartingOffsets {
    /** The oldest retained event: replays the whole topic. */
    EARLIEST,
    /** Only events produced after the job starts. */
    LATEST,
    /** Where the consumer group left off, or the oldest event for a new group. */
    COMMITTED;

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
        throw new IllegalArgumentException("expected earliest, latest or committed, got '" + value + "'");
    }

    // The connector still takes Kafka's deprecated OffsetResetStrategy; there is no other way to
    // say "committed, else earliest".
    @SuppressWarnings("deprecation")
    OffsetsInitializer initializer() {
        return switch (this) {
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }
}
