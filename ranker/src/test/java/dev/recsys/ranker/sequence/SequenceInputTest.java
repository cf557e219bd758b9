package dev.recsys.ranker.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.records.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule both the evaluation and the feed read a recent list by. */
class SequenceInputTest {
    private record Entry(EventType type, Double value, boolean known) {}

    private static int[] read(List<Entry> newestFirst, SequenceFilter filter) {
        return SequenceInput.read(
                new SequenceInput.RecentList() {
                    @Override
                    public int size() {
                        return newestFirst.size();
                    }

                    @Override
                    public EventType type(int index) {
                        return newestFirst.get(index).type();
                    }

                    @Override
                    public Double value(int index) {
                        return newestFirst.get(index).value();
                    }

                    @Override
                    public boolean known(int index) {
                        return newestFirst.get(index).known();
                    }
                },
                filter,
                ProfileConfig.defaults());
    }

    private final List<Entry> list = List.of(
            new Entry(EventType.PURCHASE, null, true),
            new Entry(EventType.DISLIKE, null, true),
            new Entry(EventType.VIEW, null, false),
            new Entry(EventType.RATE, 2.0, true),
            new Entry(EventType.CLICK, null, true));

    @Test
    void keptEntriesOfKnownItemsComeOldestFirst() {
        assertArrayEquals(new int[] {4, 0}, read(list, SequenceFilter.POSITIVE));
        assertArrayEquals(new int[] {4, 3, 1, 0}, read(list, SequenceFilter.EVERY_EVENT));
    }

    @Test
    void aListWithFewerThanTwoReadableEntriesIsNotRead() {
        assertArrayEquals(new int[0], read(List.of(), SequenceFilter.EVERY_EVENT));
        // Only the purchase is readable here: not enough. With the click after it, two are.
        assertArrayEquals(new int[0], read(list.subList(0, 4), SequenceFilter.POSITIVE));
        assertArrayEquals(new int[] {4, 0}, read(list, SequenceFilter.POSITIVE));
        assertArrayEquals(new int[] {3, 1, 0}, read(list.subList(0, 4), SequenceFilter.EVERY_EVENT));
    }
}
