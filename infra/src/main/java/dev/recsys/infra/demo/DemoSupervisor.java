package dev.recsys.infra.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Watches the demo's parts and starts one again when it dies (an error exit, an out-of-memory kill,
 * a {@code kill -9}), after a back-off that doubles with each attempt. A part that keeps dying stops
 * the demo with a {@link DemoFailure} that names it and ends with the tail of its log.
 *
 * <p>Attempts are counted per part and forgotten once the part has run for {@link
 * RestartPolicy#stableAfter()}: a service that dies once a day is restarted every time, one that dies
 * right after each start is given up on after {@link RestartPolicy#maxAttempts()}.
 *
 * <p>Each event is reported in one line with the end of the part's log under it. Nothing is reported
 * while the demo stops: on Ctrl-C the terminal signals every JVM of the demo at once, so the parts
 * exiting then are no failure (the back-off also gives the shutdown hook time to say so).
 */
final class DemoSupervisor {

    /** Lines of a part's log printed with each restart. */
    static final int RESTART_LOG_LINES = 5;

    /** Lines of a part's log printed when the demo gives up on it. */
    static final int FAILURE_LOG_LINES = 40;

    private static final long WAIT_SLICE_MILLIS = 50;

    /**
     * How often and how soon a dead part is started again.
     *
     * @param maxAttempts restarts before giving up on a part
     * @param firstBackOff the wait before the first restart; it doubles for each further one
     * @param stableAfter a part that ran this long before dying has all its attempts back
     */
    record RestartPolicy(int maxAttempts, Duration firstBackOff, Duration stableAfter) {

        static final RestartPolicy DEFAULT = new RestartPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(1));

        RestartPolicy {
            if (maxAttempts < 0) {
                throw new IllegalArgumentException("maxAttempts must not be negative, got " + maxAttempts);
            }
        }

        /** The wait before restart number {@code attempt} (1-based). */
        Duration backOff(int attempt) {
            return firstBackOff.multipliedBy(1L << Math.min(attempt - 1, 16));
        }
    }

    private final DemoStack stack;
    private final RestartPolicy policy;
    private final PrintStream out;
    private final LongSupplier nanoClock;
    private final Map<DemoPart, Integer> attempts = new HashMap<>();
    private final Map<DemoPart, Long> startedAt = new HashMap<>();

    DemoSupervisor(DemoStack stack, RestartPolicy policy, PrintStream out) {
        this(stack, policy, out, System::nanoTime);
    }

    /** @param nanoClock the time in nanoseconds that {@link RestartPolicy#stableAfter()} is measured in */
    DemoSupervisor(DemoStack stack, RestartPolicy policy, PrintStream out, LongSupplier nanoClock) {
        this.stack = stack;
        this.policy = policy;
        this.out = out;
        this.nanoClock = nanoClock;
    }

    /**
     * Starts again every part that died since the last call (none once the demo is stopping).
     *
     * @throws DemoFailure when a part died once too often or rejected its command line
     */
    void check() throws DemoFailure, InterruptedException {
        Optional<DemoPart> dead = stack.firstDead();
        while (dead.isPresent()) {
            DemoPart part = dead.get();
            restartOrGiveUp(part);
            dead = stack.firstDead();
        }
    }

    private void restartOrGiveUp(DemoPart part) throws DemoFailure, InterruptedException {
        Long restartedAt = startedAt.get(part);
        if (restartedAt != null
                && nanoClock.getAsLong() - restartedAt >= policy.stableAfter().toNanos()) {
            attempts.remove(part);
        }
        int attempt = attempts.getOrDefault(part, 0) + 1;
        if (!part.worthRestarting()) {
            throw new DemoFailure(part.name() + " " + part.howItEnded()
                    + ": it rejected its command line, so starting it again would not help." + tail(part));
        }
        if (attempt > policy.maxAttempts()) {
            throw new DemoFailure(part.name() + " " + part.howItEnded() + " again after " + policy.maxAttempts()
                    + (policy.maxAttempts() == 1 ? " restart" : " restarts") + "; giving up." + tail(part));
        }
        if (!waitUnlessStopping(policy.backOff(attempt))) {
            return;
        }
        attempts.put(part, attempt);
        out.println(part.name() + " " + part.howItEnded() + "; restarting it (attempt " + attempt + " of "
                + policy.maxAttempts() + "). Last lines of " + DemoData.shown(part.logFile()) + ":\n"
                + indent(part.tailOfLog(RESTART_LOG_LINES)));
        out.flush();
        startedAt.put(part, nanoClock.getAsLong());
        try {
            stack.restart(part);
            part.pid().ifPresent(pid -> out.println(part.name() + " is running again as pid " + pid + "."));
        } catch (DemoFailure e) {
            if (!stack.isStopping()) {
                // Counted as an attempt: the next check finds the part dead again.
                out.println("Could not restart " + part.name() + ": " + e.getMessage());
            }
        }
    }

    /** Waits, returning early with false as soon as the demo is stopping. */
    private boolean waitUnlessStopping(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!stack.isStopping()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            Thread.sleep(Math.min(WAIT_SLICE_MILLIS, Math.max(1, left / 1_000_000)));
        }
        return false;
    }

    private static String tail(DemoPart part) {
        return " Last lines of " + DemoData.shown(part.logFile()) + ":\n" + part.tailOfLog(FAILURE_LOG_LINES);
    }

    private static String indent(String lines) {
        return "    " + lines.replace("\n", "\n    ");
    }
}
