package dev.recsys.index.generations;

import java.time.Duration;

/**
 * Holds a loop to at most a given number of steps per second. A reindex on a small machine competes
 * with queries for the same cores; like Elasticsearch's {@code requests_per_second} on its reindex
 * API, this lets an operator trade rebuild time for query latency.
 *
 * <p>Steps are spaced evenly ({@code 1/rate} apart); a loop that falls behind (a slow step) is not
 * allowed to catch up in a burst of more than one second's worth of steps.
 */
final class Throttle {
    /** How a throttle waits; tests give a fake one. */
    interface Clock {
        long nanoTime();

        void sleep(Duration duration) throws InterruptedException;
    }

    static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration);
        }
    };

    private static final long SECOND = 1_000_000_000L;

    private final Clock clock;
    private final long intervalNanos;
    private long next;

    /** @param stepsPerSecond at most this many steps a second; 0 means no limit */
    Throttle(double stepsPerSecond, Clock clock) {
        if (!(stepsPerSecond >= 0) || Double.isInfinite(stepsPerSecond)) {
            throw new IllegalArgumentException("stepsPerSecond must be a finite number >= 0, got " + stepsPerSecond);
        }
        this.clock = clock;
        this.intervalNanos = stepsPerSecond == 0 ? 0 : Math.max(1, Math.round(SECOND / stepsPerSecond));
        this.next = clock.nanoTime();
    }

    static Throttle unlimited() {
        return new Throttle(0, SYSTEM);
    }

    boolean isUnlimited() {
        return intervalNanos == 0;
    }

    /** Waits, if needed, until the next step may run. */
    void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long now = clock.nanoTime();
        // Forgive lateness beyond one second instead of bursting to make up for it.
        next = Math.max(next, now - SECOND);
        if (next > now) {
            clock.sleep(Duration.ofNanos(next - now));
        }
        next += intervalNanos;
    }
}
