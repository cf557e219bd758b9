package dev.recsys.ranker.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The per-shopper temporal hold-out: each shopper's interactions are ordered by event time (ties keep
 * data-set order) and the last {@code floor(fraction × n)} go to test. Every shopper therefore keeps their
 * early history for training and is asked about their own future, which is what a live feed faces; unlike a
 * global time cut it evaluates every shopper, and unlike a random split it never trains on the future of the
 * shopper being tested. (Other shoppers' later interactions can still be in training: a per-shopper split
 * leaks some global trends, the price of evaluating everyone.) A validation split is carved from the training
 * part the same way.
 */
public final class TemporalSplit {
    /** The share held out per shopper. */
    public static final double DEFAULT_FRACTION = 0.2;

    private TemporalSplit() {}

    /** A training and a held-out part of the same interactions. */
    public record Split(List<Interaction> train, List<Interaction> test) {
        public Split {
            train = List.copyOf(train);
            test = List.copyOf(test);
        }
    }

    /**
     * @param fraction share of each shopper's interactions held out, in (0, 1)
     */
    public static Split split(List<Interaction> interactions, int users, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be between 0 and 1, got " + fraction);
        }
        List<List<Interaction>> byUser = new ArrayList<>(users);
        for (int u = 0; u < users; u++) {
            byUser.add(new ArrayList<>());
        }
        for (Interaction interaction : interactions) {
            byUser.get(interaction.user()).add(interaction);
        }
        List<Interaction> train = new ArrayList<>();
        List<Interaction> test = new ArrayList<>();
        for (List<Interaction> history : byUser) {
            history.sort(Comparator.comparingLong(Interaction::ts)); // stable: ties keep data-set order
            int held = (int) Math.floor(fraction * history.size() + 1e-9);
            int cut = history.size() - held;
            train.addAll(history.subList(0, cut));
            test.addAll(history.subList(cut, history.size()));
        }
        return new Split(train, test);
    }
}
