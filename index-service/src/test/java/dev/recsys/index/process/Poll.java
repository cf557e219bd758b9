package dev.recsys.index.process;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waiting for what another process does, with a deadline instead of a fixed sleep. */
final class Poll {

    private static final long INTERVAL_MILLIS = 100;

    /** A look at the other process that may throw while it is not there yet. */
    interface Probe<T> {
        Optional<T> look() throws Exception;
    }

    /** A condition that may throw while the other process is not there yet. */
    interface Condition {
        boolean holds() throws Exception;
    }

    private Poll() {}

    /**
     * Looks until {@code probe} sees something, and returns it.
     *
     * @param what what is awaited and what was seen last, for the failure message
     */
    static <T> T forValue(Duration timeout, Supplier<String> what, Probe<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                Optional<T> seen = probe.look();
                if (seen.isPresent()) {
                    return seen.get();
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                return fail("not within " + timeout.toSeconds() + " s: " + what.get()
                        + (last == null ? "" : " (last error: " + last + ")"));
            }
            Thread.sleep(INTERVAL_MILLIS);
        }
    }

    /** Waits until {@code condition} holds. */
    static void until(Duration timeout, Supplier<String> what, Condition condition) throws InterruptedException {
        forValue(timeout, what, () -> condition.holds() ? Optional.of(true) : Optional.empty());
    }
}
