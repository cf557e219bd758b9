package dev.recsys.ranker.sequence;

import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.records.EventType;
import java.util.Arrays;

/**
 * What the sequence model reads of a shopper: the one rule the offline evaluation and the feed both call,
 * so that a shopper's embedding is the same in both for the same recent list. From the recent list
 * (newest first, as the stream job keeps it) it takes the events the model's filter keeps, of items the
 * model knows, oldest first; a history with fewer than {@value #MIN_ITEMS} of them is not read at all.
 */
public final class SequenceInput {
    /** The fewest items a history needs: one item says nothing about order. */
    public static final int MIN_ITEMS = 2;

    private SequenceInput() {}

    /** A recent list, newest first, as each side holds it. */
    public interface RecentList {
        int size();

        EventType type(int index);

        /** The rating of a rate event, else {@code null}. */
        Double value(int index);

        /** Whether the model knows the item of entry {@code index}. */
        boolean known(int index);
    }

    /**
     * The entries the model reads, as indexes into the list, oldest first; empty when fewer than {@value
     * #MIN_ITEMS}.
     */
    public static int[] read(RecentList recent, SequenceFilter filter, ProfileConfig profile) {
        int[] kept = new int[recent.size()];
        int n = 0;
        for (int r = recent.size() - 1; r >= 0; r--) {
            if (recent.known(r) && filter.keeps(profile, recent.type(r), recent.value(r))) {
                kept[n++] = r;
            }
        }
        return n < MIN_ITEMS ? new int[0] : Arrays.copyOf(kept, n);
    }
}
