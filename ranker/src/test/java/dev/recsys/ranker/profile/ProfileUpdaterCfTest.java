package dev.recsys.ranker.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.cf.ImplicitFoldIn;
import dev.recsys.ranker.eval.Interaction;
import dev.recsys.ranker.eval.TrainingData;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** CF fold-in in the profile rule: the same solve offline evaluation makes from summed weights. */
class ProfileUpdaterCfTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final int K = 8;
    private static final long GENERATION = 3;

    private final ProfileUpdater updater = new ProfileUpdater(ProfileConfig.defaults());
    private final Random random = new Random(42);
    private final float[][] itemFactors = randomFactors(30);
    private final CfModel model = new CfModel(GENERATION, K, 0.1, 10, ImplicitFoldIn.gram(itemFactors, K));
    private int eventCounter;

    private float[][] randomFactors(int items) {
        float[][] factors = new float[items][K];
        for (float[] row : factors) {
            for (int j = 0; j < K; j++) {
                row[j] = (float) (random.nextGaussian() * 0.3);
            }
        }
        return factors;
    }

    private InteractionEvent event(int item, EventType type, long ts) {
        return InteractionEvent.of("e-" + (eventCounter++), "u-1", "i" + item, type, ts);
    }

    private ItemVectors item(int item, long generation) {
        return new ItemVectors("i" + item, generation, new float[] {1, 0}, itemFactors[item]);
    }

    @Test
    void replayedEventsFoldInExactlyAsTheEvaluatorSolvesFromSummedWeights() {
        EventType[] types = EventType.values();
        CfModel.CfFoldIn cf = model.foldIn();
        Map<Integer, Double> summed = new LinkedHashMap<>();
        UserProfile profile = null;
        for (int n = 0; n < 60; n++) {
            int item = random.nextInt(12);
            EventType type = types[random.nextInt(types.length)];
            // Ratings of 0.5 to 5 stars, below neutral too.
            Double stars = type == EventType.RATE ? (1 + random.nextInt(10)) / 2.0 : null;
            InteractionEvent event =
                    new InteractionEvent("e-" + (eventCounter++), "u-1", "i" + item, type, T0 + n, stars, null, null);
            profile = updater.apply(profile, event, item(item, GENERATION), cf, T0);
            // Weighted as training weighs it: a rating by its stars.
            summed.merge(
                    item,
                    TrainingData.cfWeight(new Interaction(0, item, T0 + n, type, stars), updater.config()),
                    Double::sum);
        }
        List<float[]> rows = new ArrayList<>();
        double[] weights = new double[summed.size()];
        int at = 0;
        for (Map.Entry<Integer, Double> entry : summed.entrySet()) {
            rows.add(itemFactors[entry.getKey()]);
            weights[at++] = entry.getValue();
        }
        float[] expected = model.foldIn().solver().solve(rows.toArray(float[][]::new), weights);

        assertArrayEquals(expected, profile.cf(), 1e-5f);
        assertArrayEquals(expected, ProfileUpdater.toUserVectors(profile).cf(), 1e-5f);
        assertEquals(summed.size(), profile.cfHistory().size());
    }

    @Test
    void cfIsAbsentWithoutAModelOrWithoutFactorsOfItsGeneration() {
        UserProfile noModel = updater.apply(null, event(1, EventType.VIEW, T0), item(1, GENERATION), null, T0);
        assertNull(noModel.cf());

        UserProfile otherGeneration =
                updater.apply(null, event(1, EventType.VIEW, T0), item(1, GENERATION + 1), model.foldIn(), T0);
        assertNull(otherGeneration.cf());

        UserProfile noFactors = updater.apply(
                null,
                event(1, EventType.VIEW, T0),
                new ItemVectors("i1", GENERATION, new float[] {1, 0}, null),
                model.foldIn(),
                T0);
        assertNull(noFactors.cf());
    }

    @Test
    void anItemWithoutFactorsKeepsTheShoppersFactor() {
        UserProfile first = updater.apply(null, event(1, EventType.CLICK, T0), item(1, GENERATION), model.foldIn(), T0);
        UserProfile second = updater.apply(
                first,
                event(2, EventType.VIEW, T0 + 1),
                new ItemVectors("i2", GENERATION, new float[] {0, 1}, null),
                model.foldIn(),
                T0);

        assertNotNull(first.cf());
        assertArrayEquals(first.cf(), second.cf());
        assertEquals(2, second.version());
    }

    @Test
    void aModelOfAnotherGenerationStartsTheHistoryAgain() {
        UserProfile profile =
                updater.apply(null, event(1, EventType.CLICK, T0), item(1, GENERATION), model.foldIn(), T0);
        profile = updater.apply(profile, event(2, EventType.CLICK, T0 + 1), item(2, GENERATION), model.foldIn(), T0);
        CfModel next = new CfModel(GENERATION + 1, K, 0.1, 10, model.yty());

        UserProfile stale =
                updater.apply(profile, event(3, EventType.VIEW, T0 + 2), item(3, GENERATION), next.foldIn(), T0);
        assertNull(stale.cf(), "factors of the old generation do not fit the new model");

        UserProfile fresh =
                updater.apply(stale, event(4, EventType.VIEW, T0 + 3), item(4, GENERATION + 1), next.foldIn(), T0);
        assertEquals(1, fresh.cfHistory().size());
        float[] expected = next.foldIn().solver().solve(new float[][] {itemFactors[4]}, new double[] {1});
        assertArrayEquals(expected, fresh.cf(), 1e-6f);
    }

    @Test
    void theHistoryKeepsTheMostRecentlyTouchedItemsUpToItsCapacity() {
        CfHistory history = CfHistory.empty(GENERATION);
        for (int i = 0; i < 5; i++) {
            history = history.with("i" + i, 1, itemFactors[i], 3);
        }
        history = history.with("i2", 2, itemFactors[2], 3);

        assertArrayEquals(new String[] {"i3", "i4", "i2"}, history.items());
        assertArrayEquals(new float[] {1, 1, 3}, history.weights());
        assertArrayEquals(itemFactors[2], Arrays.copyOfRange(history.factors(), 2 * K, 3 * K));
    }
}
