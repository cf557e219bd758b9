package dev.recsys.tools.service;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * When the probes of a {@link FreshnessProbe} run start: probe {@code i} is due {@code i × interval}
 * after the run started (back to back when the interval is zero; a probe that is due while an earlier one
 * is still waiting starts as soon as that one ends), and no probe starts once {@code window} has passed, so
 * a run spread over a load test's window stays inside it even when every probe is slow.
 */
record ProbePacing(Duration interval, Duration window) {
    /** Back to back, with no window. */
    static final ProbePacing BACK_TO_BACK = new ProbePacing(Duration.ZERO, Duration.ofDays(365));

    ProbePacing {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative, got " + interval);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
    }

    /**
     * How long to wait before probe {@code index} starts, {@code elapsedNanos} after the run started: zero
     * when it is due or late, empty when it would start after the window (it is then not run).
     */
    OptionalLong nanosUntilStart(int index, long elapsedNanos) {
        long due = interval.toNanos() * index;
        long start = Math.max(due, elapsedNanos);
        if (start >= window.toNanos()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(start - elapsedNanos);
    }
}
