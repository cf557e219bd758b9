package dev.recsys.index.generations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottleTest {
    /** A clock that only moves when the throttle sleeps, or when the test says so. */
    private static final class FakeClock implements Throttle.Clock {
        long now = 5_000_000_000L;
        long slept;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration duration) {
            now += duration.toNanos();
            slept += duration.toNanos();
        }
    }

    @Test
    void stepsAreSpacedToTheRate() throws Exception {
        FakeClock clock = new FakeClock();
        Throttle throttle = new Throttle(100, clock);
        long start = clock.now;
        for (int i = 0; i < 1_000; i++) {
            throttle.acquire();
        }
        // 1,000 steps at 100 a second: the last may start 9.99 s after the first.
        assertEquals(9_990_000_000L, clock.now - start);
    }

    @Test
    void aSlowStepIsNotMadeUpByALongBurst() throws Exception {
        FakeClock clock = new FakeClock();
        Throttle throttle = new Throttle(10, clock);
        throttle.acquire();
        clock.now += Duration.ofSeconds(60).toNanos(); // one very slow step
        long before = clock.slept;
        for (int i = 0; i < 30; i++) {
            throttle.acquire();
        }
        // At most one second of steps (10) go through without waiting; the other 20 are spaced.
        long waited = clock.slept - before;
        assertTrue(waited >= Duration.ofMillis(1_900).toNanos(), "waited only " + waited + " ns");
    }

    @Test
    void zeroMeansUnlimited() throws Exception {
        FakeClock clock = new FakeClock();
        Throttle throttle = new Throttle(0, clock);
        for (int i = 0; i < 10_000; i++) {
            throttle.acquire();
        }
        assertEquals(0, clock.slept);
        assertTrue(throttle.isUnlimited());
    }

    @Test
    void negativeOrNonFiniteRatesAreRejected() {
        FakeClock clock = new FakeClock();
        assertThrows(IllegalArgumentException.class, () -> new Throttle(-1, clock));
        assertThrows(IllegalArgumentException.class, () -> new Throttle(Double.NaN, clock));
        assertThrows(IllegalArgumentException.class, () -> new Throttle(Double.POSITIVE_INFINITY, clock));
    }
}
