package dev.recsys.ranker.eval;

import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.sequence.SequenceFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * The sequences the sequence model learns from and reads, with item index {@code i} as model id {@code i +
 * 1} (0 is padding). It learns from each shopper's whole training history in event-time order; it reads,
 * offline as in the feed, the profile's recent list ({@link Profiles}, the stream job's code path), oldest
 * first. Both keep only the events {@link SequenceFilter} keeps.
 */
public final class SequenceHistories {
    private SequenceHistories() {}

    /** Every shopper's training items, oldest first, as model ids; a shopper with none gets an empty array. */
    public static List<int[]> training(TrainingData data, ProfileConfig profile, SequenceFilter filter) {
        List<int[]> out = new ArrayList<>(data.users());
        for (List<Interaction> history : data.byUser()) {
            int[] ids = history.stream()
                    .filter(i -> filter.keeps(profile, i.type(), i.value()))
                    .mapToInt(i -> i.item() + 1)
                    .toArray();
            out.add(ids);
        }
        return out;
    }

    /** The shopper's recent list, oldest first, as model ids. */
    static int[] recent(Profiles profiles, int user, ProfileConfig profile, SequenceFilter filter) {
        int[] items = profiles.recentItems(user);
        var types = profiles.recentTypes(user);
        Double[] values = profiles.recentValues(user);
        int[] out = new int[items.length];
        int n = 0;
        for (int r = items.length - 1; r >= 0; r--) {
            if (filter.keeps(profile, types[r], values[r])) {
                out[n++] = items[r] + 1;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
