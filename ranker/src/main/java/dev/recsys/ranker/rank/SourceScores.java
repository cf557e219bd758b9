package dev.recsys.ranker.rank;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable score per {@link ScoreSource}, in source order: the map {@link Candidate} and {@link
 * RankedItem} hold. One small array instead of an EnumMap behind an unmodifiable view, so the
 * records can take one another's maps without copying and the blender reads scores without boxing;
 * a feed blends hundreds of candidates per request.
 */
final class SourceScores extends AbstractMap<ScoreSource, Double> {
    private static final ScoreSource[] SOURCES = ScoreSource.values();

    /** The score per source ordinal; NaN where the source gave none (scores are always finite). */
    private final double[] values;

    private final int size;

    /** Takes ownership of {@code values}: finite where present, NaN where absent. */
    SourceScores(double[] values) {
        this.values = values;
        int present = 0;
        for (double value : values) {
            if (!Double.isNaN(value)) {
                present++;
            }
        }
        this.size = present;
    }

    static double[] emptyValues() {
        double[] values = new double[SOURCES.length];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    /** The score of {@code source}, or NaN when it gave none. */
    double valueOf(ScoreSource source) {
        return values[source.ordinal()];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof ScoreSource source && !Double.isNaN(values[source.ordinal()]);
    }

    @Override
    public Double get(Object key) {
        return containsKey(key) ? values[((ScoreSource) key).ordinal()] : null;
    }

    @Override
    public Set<Map.Entry<ScoreSource, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<ScoreSource, Double>> iterator() {
                return new Iterator<>() {
                    private int next = skipAbsent(0);

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Map.Entry<ScoreSource, Double> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<ScoreSource, Double> entry = Map.entry(SOURCES[next], values[next]);
                        next = skipAbsent(next + 1);
                        return entry;
                    }
                };
            }
        };
    }

    private int skipAbsent(int from) {
        int i = from;
        while (i < values.length && Double.isNaN(values[i])) {
            i++;
        }
        return i;
    }
}
