package dev.recsys.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.records.EventType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemporalSplitTest {
    private static Interaction at(int user, int item, long ts) {
        return new Interaction(user, item, ts, EventType.VIEW, null);
    }

    @Test
    void eachShoppersLatestFifthIsHeldOut() {
        List<Interaction> all = new ArrayList<>();
        // Shopper 0: 10 interactions given out of time order; the latest two (ts 90, 100) are held out.
        for (int n = 10; n >= 1; n--) {
            all.add(at(0, n, n * 10L));
        }
        // Shopper 1: 4 interactions; floor(0.2 × 4) = 0, so all train.
        for (int n = 0; n < 4; n++) {
            all.add(at(1, n, 1000 + n));
        }
        TemporalSplit.Split split = TemporalSplit.split(all, 2, 0.2);
        assertEquals(List.of(at(0, 9, 90), at(0, 10, 100)), split.test());
        assertEquals(12, split.train().size());
        long latestTrain = split.train().stream()
                .filter(i -> i.user() == 0)
                .mapToLong(Interaction::ts)
                .max()
                .orElseThrow();
        assertTrue(latestTrain < 90);
    }

    @Test
    void tiesKeepDataSetOrder() {
        List<Interaction> all = List.of(at(0, 1, 5), at(0, 2, 5), at(0, 3, 5), at(0, 4, 5), at(0, 5, 5));
        TemporalSplit.Split split = TemporalSplit.split(all, 1, 0.2);
        assertEquals(List.of(at(0, 5, 5)), split.test());
    }

    @Test
    void fractionMustBeBetweenZeroAndOne() {
        assertThrows(IllegalArgumentException.class, () -> TemporalSplit.split(List.of(), 0, 1.0));
    }
}
