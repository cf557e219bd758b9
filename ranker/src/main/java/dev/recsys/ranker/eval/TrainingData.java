package dev.recsys.ranker.eval;

import dev.recsys.ranker.cf.RatingMatrix;
import dev.recsys.ranker.profile.ProfileConfig;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * What every model of one evaluation run is fitted on: the training interactions, the CF matrix built from
 * them, item popularity, and each shopper's training items (excluded from their ranking).
 *
 * <p>CF weight of an interaction: a rating counts its value (so {@code c = 1 + α·rating}); any other event
 * its {@link ProfileConfig} weight (view 1 … purchase 6, dislike −4), the weights the stream job folds in with.
 * Popularity is the number of distinct shoppers with a positive interaction.
 */
public final class TrainingData {
    private final int users;
    private final int items;
    private final List<Interaction> train;
    private final RatingMatrix matrix;
    private final long[] popularity;
    private final BitSet[] seen;

    public TrainingData(int users, int items, List<Interaction> train, ProfileConfig profile) {
        this.users = users;
        this.items = items;
        this.train = List.copyOf(train);
        RatingMatrix.Builder builder = RatingMatrix.builder(users, items);
        this.seen = new BitSet[users];
        for (int u = 0; u < users; u++) {
            seen[u] = new BitSet(items);
        }
        for (Interaction interaction : train) {
            builder.add(interaction.user(), interaction.item(), cfWeight(interaction, profile));
            seen[interaction.user()].set(interaction.item());
        }
        this.matrix = builder.build();
        this.popularity = new long[items];
        for (int u = 0; u < users; u++) {
            int[] its = matrix.itemsOf(u);
            float[] weights = matrix.weightsOf(u);
            for (int n = 0; n < its.length; n++) {
                if (weights[n] > 0) {
                    popularity[its[n]]++;
                }
            }
        }
    }

    /** The CF weight of one interaction (see the class comment). */
    public static double cfWeight(Interaction interaction, ProfileConfig profile) {
        return profile.cfWeightOf(interaction.type(), interaction.value());
    }

    public int users() {
        return users;
    }

    public int items() {
        return items;
    }

    public List<Interaction> train() {
        return train;
    }

    public RatingMatrix matrix() {
        return matrix;
    }

    /** Distinct shoppers with a positive interaction, per item (shared; do not modify). */
    public long[] popularity() {
        return popularity;
    }

    /** The items the shopper interacted with in training (shared; do not modify). */
    public BitSet seen(int user) {
        return seen[user];
    }

    /**
     * The long tail: every item outside the {@code headShare} most popular in training (ties at the cut
     * broken by the lower index, so the head holds exactly {@code ceil(headShare × items)} items).
     */
    public boolean[] longTail(double headShare) {
        int head = (int) Math.ceil(headShare * items - 1e-9);
        Integer[] order = new Integer[items];
        for (int i = 0; i < items; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(
                order,
                (a, b) -> popularity[a] != popularity[b]
                        ? Long.compare(popularity[b], popularity[a])
                        : Integer.compare(a, b));
        boolean[] tail = new boolean[items];
        java.util.Arrays.fill(tail, true);
        for (int r = 0; r < head; r++) {
            tail[order[r]] = false;
        }
        return tail;
    }

    /** Interactions grouped by shopper, each list in event-time order. */
    public List<List<Interaction>> byUser() {
        List<List<Interaction>> out = new ArrayList<>(users);
        for (int u = 0; u < users; u++) {
            out.add(new ArrayList<>());
        }
        for (Interaction interaction : train) {
            out.get(interaction.user()).add(interaction);
        }
        for (List<Interaction> list : out) {
            list.sort(java.util.Comparator.comparingLong(Interaction::ts));
        }
        return out;
    }
}
