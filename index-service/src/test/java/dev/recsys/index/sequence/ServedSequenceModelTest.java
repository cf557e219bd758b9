package dev.recsys.index.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.sequence.RandomWeights;
import dev.recsys.ranker.sequence.SequenceEncoder;
import dev.recsys.ranker.sequence.SequenceFilter;
import dev.recsys.ranker.sequence.SequenceModelFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The shopper embedding the feed computes from a recent list is the encoder's on the same items, in order. */
class ServedSequenceModelTest {
    private static final int DIMENSION = 8;

    private static SequenceModelFile model(SequenceFilter filter) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add("item-" + i);
        }
        return new SequenceModelFile(ids, filter, RandomWeights.of(9, ids.size(), 4, DIMENSION, 2, 1, 0.3));
    }

    @Test
    void theRecentListIsReadOldestFirstWithoutDislikesAndUnknownItems() {
        SequenceModelFile file = model(SequenceFilter.POSITIVE);
        ServedSequenceModel served = new ServedSequenceModel(file);
        List<RecentInteraction> newestFirst = List.of(
                new RecentInteraction("item-4", EventType.PURCHASE, 50),
                new RecentInteraction("item-5", EventType.DISLIKE, 40),
                new RecentInteraction("not-in-the-model", EventType.VIEW, 30),
                new RecentInteraction("item-0", EventType.RATE, 20, 2.0),
                new RecentInteraction("item-2", EventType.VIEW, 10));

        float[] embedding = served.embed(newestFirst, lookup(file));

        // item-2 (model id 3), then item-4 (id 5): the dislike and the rating below neutral are left out.
        assertArrayEquals(new SequenceEncoder(file.weights()).embed(new int[] {3, 5}), embedding);
        ServedSequenceModel everything = new ServedSequenceModel(model(SequenceFilter.EVERY_EVENT));
        assertArrayEquals(
                new SequenceEncoder(file.weights()).embed(new int[] {3, 1, 6, 5}),
                everything.embed(newestFirst, lookup(file)));
    }

    @Test
    void fewerThanTwoKnownItemsGiveNoEmbedding() {
        SequenceModelFile file = model(SequenceFilter.POSITIVE);
        ServedSequenceModel served = new ServedSequenceModel(file);

        assertNull(served.embed(List.of(), lookup(file)));
        assertNull(served.embed(
                List.of(
                        new RecentInteraction("item-1", EventType.VIEW, 2),
                        new RecentInteraction("elsewhere", EventType.VIEW, 1)),
                lookup(file)));
    }

    /** The model's item table as the catalog's {@code seq} field serves it. */
    private static Function<String, float[]> lookup(SequenceModelFile file) {
        Map<String, Integer> ids = file.modelIds();
        return itemId -> ids.containsKey(itemId)
                ? file.weights().items()[ids.get(itemId)].clone()
                : null;
    }
}
