package dev.recsys.ranker.rank;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The defensive copies and checks shared by the records of this package. */
final class Checks {
    private Checks() {}

    /**
     * An immutable copy in {@link ScoreSource} order, so explanations list the parts the same way on
     * every run; every value must be finite. A map this method made is returned as it is.
     */
    static Map<ScoreSource, Double> copyScores(Map<ScoreSource, Double> scores, String argument) {
        Objects.requireNonNull(scores, argument);
        if (scores instanceof SourceScores) {
            return scores;
        }
        double[] values = SourceScores.emptyValues();
        for (Map.Entry<ScoreSource, Double> entry : scores.entrySet()) {
            if (entry.getKey() == null) {
                throw new IllegalArgumentException(argument + " must not contain a null source");
            }
            Double value = entry.getValue();
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException(
                        argument + "[" + entry.getKey().jsonName() + "] must be a finite number, got " + value);
            }
            values[entry.getKey().ordinal()] = value;
        }
        return new SourceScores(values);
    }

    /**
     * An unmodifiable, sorted copy: the same origins always print in the same order. A set this
     * method made is returned as it is (a candidate's origins become its ranked item's).
     */
    static Set<String> copyOrigins(Set<String> origins) {
        Objects.requireNonNull(origins, "origins");
        if (origins instanceof Origins) {
            return origins;
        }
        SortedSet<String> copy = new TreeSet<>();
        for (String origin : origins) {
            if (origin == null || origin.isBlank()) {
                throw new IllegalArgumentException("origins must not contain a null or blank name");
            }
            copy.add(origin);
        }
        return new Origins(copy);
    }

    static String requireId(String value, String argument) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(argument + " must not be null or blank");
        }
        return value;
    }

    /** The sorted, unmodifiable origins of a candidate or ranked item. */
    private static final class Origins extends AbstractSet<String> {
        private final String[] names;

        Origins(SortedSet<String> sorted) {
            this.names = sorted.toArray(new String[0]);
        }

        @Override
        public Iterator<String> iterator() {
            return List.of(names).iterator();
        }

        @Override
        public int size() {
            return names.length;
        }

        @Override
        public boolean contains(Object o) {
            for (String name : names) {
                if (name.equals(o)) {
                    return true;
                }
            }
            return false;
        }
    }
}
