package dev.recsys.ranker.sequence;

import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.records.EventType;
import java.util.Locale;

/**
 * Which of a shopper's events the sequence model reads, in training and when it serves alike. Chosen on
 * validation: reading a dislike or a poor rating as "what they took" can teach the model the wrong
 * next item, while dropping them loses order that still says something.
 */
public enum SequenceFilter {
    /** Every event. */
    EVERY_EVENT,
    /** Events with a positive signed weight in the profile: no dislikes, no rating below the neutral one. */
    POSITIVE;

    /** Whether the model reads an event of this type and value (the rating of a rate event, else null). */
    public boolean keeps(ProfileConfig config, EventType type, Double value) {
        return this == EVERY_EVENT || config.weightOf(type, value) > 0;
    }

    /** The name in flags, logs and model files: {@code every-event} or {@code positive}. */
    public String flagName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static SequenceFilter fromFlag(String name) {
        for (SequenceFilter filter : values()) {
            if (filter.flagName().equals(name)) {
                return filter;
            }
        }
        throw new IllegalArgumentException("the sequence filter must be every-event or positive, got '" + name + "'");
    }
}
