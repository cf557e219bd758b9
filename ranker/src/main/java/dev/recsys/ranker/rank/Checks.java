package dev.recsys.ranker.rank;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The defensive copies and checks shared by the records of this package. */
final class Checks {
    private Checks() {}

    /**
     * An unmodifiable copy in {@link ScoreSource} order, so explanations list the parts the same way on
     * every run; every value must be finite.
     */
    static Map<ScoreSource, Double> copyScores(Map<ScoreSource, Double> scores, String argument) {
        Objects.requireNonNull(scores, argument);
        EnumMap<ScoreSource, Double> copy = new EnumMap<>(ScoreSource.class);
        for (Map.Entry<ScoreSource, Double> entry : scores.entrySet()) {
            if (entry.getKey() == null) {
                throw new IllegalArgumentException(argument + " must not contain a null source");
            }
            Double value = entry.getValue();
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException(
                        argument + "[" + entry.getKey().jsonName() + "] must be a finite number, got " + value);
            }
            copy.put(entry.getKey(), value);
        }
        return Collections.unmodifiableMap(copy);
    }

    /** An unmodifiable, sorted copy: the same origins always print in the same order. */
    static Set<String> copyOrigins(Set<String> origins) {
        Objects.requireNonNull(origins, "origins");
        SortedSet<String> copy = new TreeSet<>();
        for (String origin : origins) {
            if (origin == null || origin.isBlank()) {
                throw new IllegalArgumentException("origins must not contain a null or blank name");
            }
            copy.add(origin);
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    static String requireId(String value, String argument) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(argument + " must not be null or blank");
        }
        return value;
    }
}
