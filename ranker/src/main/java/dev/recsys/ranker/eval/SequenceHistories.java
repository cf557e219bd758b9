package dev.recsys.ranker.eval;

import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.sequence.SequenceFilter;
import dev.recsys.ranker.sequence.SequenceInput;
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

    /**
     * The shopper's recent list as the model reads it ({@link SequenceInput#read}, the feed's rule), as
     * model ids oldest first; empty when the model does not read it.
     */
    static int[] recent(Profiles profiles, int user, ProfileConfig profile, SequenceFilter filter) {
        int[] items = profiles.recentItems(user);
        EventType[] types = profiles.recentTypes(user);
        Double[] values = profiles.recentValues(user);
        int[] read = SequenceInput.read(
                new SequenceInput.RecentList() {
                    @Override
                    public int size() {
                        return items.length;
                    }

                    @Override
                    public EventType type(int index) {
                        return types[index];
                    }

                    @Override
                    public Double value(int index) {
                        return values[index];
                    }

                    @Override
                    public boolean known(int index) {
                        return true; // the model is trained on every item of the data set
                    }
                },
                filter,
                profile);
        int[] ids = new int[read.length];
        for (int i = 0; i < read.length; i++) {
            ids[i] = items[read[i]] + 1;
        }
        return ids;
    }
}
