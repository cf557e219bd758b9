package dev.recsys.infra.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DemoSupervisorTest {

    private static final DemoSupervisor.RestartPolicy QUICK =
            new DemoSupervisor.RestartPolicy(3, Duration.ofMillis(1), Duration.ofMinutes(1));

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ScriptedPart kafka = new ScriptedPart("kafka", events);
    private final ScriptedPart service = new ScriptedPart("index-service", events);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private final DemoStack stack = new DemoStack(List.of(kafka, service), out);
    private final AtomicLong clock = new AtomicLong();

    @Test
    void deadPartIsStartedAgainWithOneLineSayingWhyAndWhichAttempt() throws Exception {
        stack.start();
        service.die();

        supervisor(QUICK).check();

        assertTrue(service.isAlive());
        assertEquals(2, service.starts());
        assertEquals(1, kafka.starts(), "the others are left alone");
        assertTrue(
                printed()
                        .contains("index-service exited with code 137 (killed by signal 9); restarting it"
                                + " (attempt 1 of 3). Last lines of /srv/demo/logs/index-service.log:\n"
                                + "    first line of index-service\n    last line of index-service\n"
                                + "index-service is running again as pid 1002.\n"),
                printed());
    }

    @Test
    void partThatKeepsDyingIsGivenUpOnWithTheTailOfItsLog() throws Exception {
        stack.start();
        service.dieOnEveryStart();
        service.die();

        DemoFailure e = assertThrows(DemoFailure.class, () -> supervisor(QUICK).check());

        assertEquals(4, service.starts(), "the first start and three restarts");
        assertTrue(printed().contains("(attempt 3 of 3)"), printed());
        assertTrue(
                e.getMessage()
                        .startsWith("index-service exited with code 137 (killed by signal 9) again after 3"
                                + " restarts; giving up. Last lines of /srv/demo/logs/index-service.log:\n"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("last line of index-service"), e.getMessage());
    }

    @Test
    void partThatRanLongerThanTheStablePeriodGetsItsAttemptsBack() throws Exception {
        DemoSupervisor supervisor = supervisor(QUICK);
        stack.start();

        service.die();
        supervisor.check();
        service.die();
        supervisor.check();
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
        service.die();
        supervisor.check();

        assertTrue(printed().contains("(attempt 2 of 3)"), printed());
        assertEquals(2, occurrences(printed(), "(attempt 1 of 3)"), printed());
        assertFalse(printed().contains("(attempt 3 of 3)"), printed());
    }

    @Test
    void partThatRejectsItsCommandLineIsNotStartedAgain() throws Exception {
        stack.start();
        service.rejectCommandLine();

        DemoFailure e = assertThrows(DemoFailure.class, () -> supervisor(QUICK).check());

        assertEquals(1, service.starts());
        assertTrue(
                e.getMessage()
                        .startsWith("index-service exited with code 2: it rejected its command line, so starting"
                                + " it again would not help."),
                e.getMessage());
    }

    @Test
    void partsThatEndWhileTheDemoStopsAreNeitherReportedNorRestarted() throws Exception {
        DemoSupervisor supervisor =
                supervisor(new DemoSupervisor.RestartPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(1)));
        stack.start();
        service.die();
        Thread stopper = Thread.ofPlatform().start(stack::stop); // Ctrl-C during the back-off

        long began = System.nanoTime();
        supervisor.check();
        stopper.join();

        assertTrue(System.nanoTime() - began < Duration.ofSeconds(10).toNanos(), "the back-off was cut short");
        assertEquals(1, service.starts());
        assertFalse(printed().contains("restarting"), printed());
    }

    private DemoSupervisor supervisor(DemoSupervisor.RestartPolicy policy) {
        return new DemoSupervisor(stack, policy, out, clock::get);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
