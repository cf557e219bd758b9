package dev.recsys.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.rank.BlendWeights;
import dev.recsys.ranker.rank.ScoreSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HybridLongTailTest {
    /** One shopper, eight items blended in index order (CF 8, 7, …, 1); items 1, 5 and 6 are the long tail. */
    private static Hybrid.Prepared prepared() {
        TrainingData data = new TrainingData(1, 8, List.of(), ProfileConfig.defaults());
        ScoreFunction cf = user -> new double[] {8, 7, 6, 5, 4, 3, 2, 1};
        boolean[] tail = {false, true, false, false, false, true, true, false};
        return new Hybrid(data, Map.of(ScoreSource.CF, cf), 8, tail, List.of("a", "b", "c", "d", "e", "f", "g", "h"))
                .prepare(1);
    }

    private static final BlendWeights CF_ONLY = new BlendWeights(Map.of(ScoreSource.CF, 1.0));

    @Test
    void bestLongTailCandidatesTakeTheLastPlacesOfTheTopAndTheHeadItemsMoveDown() {
        // Top 4 = [0, 1, 2, 3] holds one long-tail item; two more (5, 6) take places 3 and 4.
        assertArrayEquals(
                new int[] {0, 1, 5, 6, 2, 3, 4, 7},
                prepared().longTailAtBottom(CF_ONLY, 3, 4).rank(0, 8));
    }

    @Test
    void aTopAllLongTailIsTheLongTailCandidatesInBlendedOrder() {
        assertArrayEquals(
                new int[] {1, 5, 6}, prepared().longTailAtBottom(CF_ONLY, 3, 3).rank(0, 3));
    }

    @Test
    void aTopWithEnoughLongTailStaysAsBlended() {
        assertArrayEquals(
                new int[] {0, 1, 2, 3, 4, 5, 6, 7},
                prepared().longTailAtBottom(CF_ONLY, 1, 4).rank(0, 8));
        assertArrayEquals(
                new int[] {0, 1, 2, 3, 4, 5, 6, 7},
                prepared().ranker(CF_ONLY, null).rank(0, 8));
    }

    @Test
    void asksForNoMoreThanTheTopHoldsOrTheCandidatesOffer() {
        // Six places asked of a top of 4: only 5 and 6 are left to promote; the top keeps one head item.
        assertArrayEquals(
                new int[] {0, 1, 5, 6, 2},
                prepared().longTailAtBottom(CF_ONLY, 6, 4).rank(0, 5));
        // Of a top of 3: all three places go to the long tail, the head items follow in their order.
        assertArrayEquals(
                new int[] {1, 5, 6, 0, 2},
                prepared().longTailAtBottom(CF_ONLY, 6, 3).rank(0, 5));
    }
}
