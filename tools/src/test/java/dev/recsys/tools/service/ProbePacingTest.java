package dev.recsys.tools.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProbePacingTest {
    private static final long MS = 1_000_000L;

    @Test
    void probesAreDueOneIntervalApart() {
        ProbePacing pacing = new ProbePacing(Duration.ofMillis(250), Duration.ofSeconds(10));
        assertEquals(OptionalLong.of(0), pacing.nanosUntilStart(0, 0));
        assertEquals(OptionalLong.of(200 * MS), pacing.nanosUntilStart(1, 50 * MS));
        assertEquals(OptionalLong.of(2_500 * MS - 1_000 * MS), pacing.nanosUntilStart(10, 1_000 * MS));
    }

    @Test
    void aLateProbeStartsAtOnce() {
        ProbePacing pacing = new ProbePacing(Duration.ofMillis(250), Duration.ofSeconds(10));
        assertEquals(OptionalLong.of(0), pacing.nanosUntilStart(1, 900 * MS));
    }

    @Test
    void noProbeStartsAfterTheWindow() {
        ProbePacing pacing = new ProbePacing(Duration.ofMillis(250), Duration.ofSeconds(1));
        assertEquals(OptionalLong.of(0), pacing.nanosUntilStart(3, 750 * MS));
        assertEquals(OptionalLong.empty(), pacing.nanosUntilStart(4, 750 * MS), "due at the window's end");
        assertEquals(
                OptionalLong.empty(), pacing.nanosUntilStart(2, 1_000 * MS), "due earlier, but the window is over");
    }

    @Test
    void backToBackNeverWaits() {
        assertEquals(OptionalLong.of(0), ProbePacing.BACK_TO_BACK.nanosUntilStart(1_000, 0));
        assertEquals(OptionalLong.of(0), ProbePacing.BACK_TO_BACK.nanosUntilStart(1_000, 3_600_000 * MS));
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(
                IllegalArgumentException.class, () -> new ProbePacing(Duration.ofMillis(-1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new ProbePacing(Duration.ZERO, Duration.ZERO));
    }
}
