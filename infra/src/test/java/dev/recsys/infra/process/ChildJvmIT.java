package dev.recsys.infra.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmIT {

    private static final String TEST_CLASSPATH = System.getProperty("java.class.path");

    @TempDir
    Path dir;

    private ChildJvm.Builder child(Class<?> main) {
        return ChildJvm.builder("test-child", main.getName())
                .classpath(TEST_CLASSPATH)
                .logFile(dir.resolve("logs/child.log"));
    }

    @Test
    void outputOfBothStreamsGoesToTheLogAndTheExitCodeIsReported() throws Exception {
        ChildJvm jvm =
                child(ChildPrograms.PrintAndExit.class).args("50", "3").build().start();

        assertEquals(OptionalInt.of(3), jvm.awaitExit(Duration.ofSeconds(30)));
        assertEquals(OptionalInt.of(3), jvm.exitCode());
        assertFalse(jvm.isAlive());
        String log = Files.readString(jvm.logFile());
        assertTrue(log.contains("line 1\n") && log.contains("done on stderr"), log);
    }

    @Test
    void tailOfLogReturnsTheLastLines() throws Exception {
        ChildJvm jvm =
                child(ChildPrograms.PrintAndExit.class).args("50", "0").build().start();
        jvm.awaitExit(Duration.ofSeconds(30));

        assertEquals("line 49\nline 50\ndone on stderr", jvm.tailOfLog(3));
    }

    @Test
    void logIsAppendedAcrossStarts() throws Exception {
        child(ChildPrograms.PrintAndExit.class).args("1", "0").build().start().awaitExit(Duration.ofSeconds(30));
        child(ChildPrograms.PrintAndExit.class).args("1", "0").build().start().awaitExit(Duration.ofSeconds(30));

        long starts = Files.readAllLines(dir.resolve("logs/child.log")).stream()
                .filter(l -> l.startsWith("==== "))
                .count();
        assertEquals(2, starts);
    }

    @Test
    void stopEndsARunningChildGracefully() throws Exception {
        ChildJvm jvm = child(ChildPrograms.Sleep.class).build().start();
        awaitLogLine(jvm, "ready");

        OptionalInt exit = jvm.stop(Duration.ofSeconds(10));

        assertFalse(jvm.isAlive());
        assertEquals(OptionalInt.of(143), exit, "SIGTERM exit status");
        assertFalse(ProcessHandle.of(jvm.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void stopKillsAChildThatIgnoresSigtermAfterTheGracePeriod() throws Exception {
        ChildJvm jvm = child(ChildPrograms.IgnoreSigterm.class).build().start();
        awaitLogLine(jvm, "ready");

        long started = System.nanoTime();
        jvm.stop(Duration.ofSeconds(1));

        assertFalse(jvm.isAlive());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void stopAlsoKillsProcessesTheChildStarted() throws Exception {
        Path pidFile = dir.resolve("grandchild.pid");
        ChildJvm jvm = child(ChildPrograms.SpawnGrandchild.class)
                .args(pidFile.toString())
                .build()
                .start();
        awaitLogLine(jvm, "ready");
        ProcessHandle grandchild =
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile))).orElseThrow();

        jvm.stop(Duration.ofSeconds(10));

        grandchild.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(grandchild.isAlive());
    }

    @Test
    void orphanGuardEndsTheChildWhenTheWatchedProcessDies() throws Exception {
        Process watched = new ProcessBuilder("sleep", "300").start();
        try {
            ChildJvm jvm = ChildJvm.builder("guarded", OrphanGuard.class.getName())
                    .classpath(TEST_CLASSPATH)
                    .jvmOptions(List.of("-D" + OrphanGuard.PARENT_PID_PROPERTY + "=" + watched.pid()))
                    .args(ChildPrograms.Sleep.class.getName())
                    .logFile(dir.resolve("guarded.log"))
                    .exitWithParent(false)
                    .build()
                    .start();
            awaitLogLine(jvm, "ready");

            watched.destroyForcibly().waitFor();

            assertEquals(OptionalInt.of(OrphanGuard.EXIT_PARENT_GONE), jvm.awaitExit(Duration.ofSeconds(15)));
        } finally {
            watched.destroyForcibly();
        }
    }

    @Test
    void childrenAreGuardedByDefault() {
        List<String> command = child(ChildPrograms.Sleep.class).build().command();

        assertTrue(command.contains(OrphanGuard.class.getName()), command.toString());
        assertTrue(command.contains("-D" + OrphanGuard.PARENT_PID_PROPERTY + "="
                + ProcessHandle.current().pid()));
    }

    @Test
    void builderRejectsMissingClasspathAndLogFile() {
        assertThrows(NullPointerException.class, () -> ChildJvm.builder("x", "Main")
                .logFile(dir.resolve("x.log"))
                .build());
        assertThrows(
                NullPointerException.class,
                () -> ChildJvm.builder("x", "Main").classpath("a.jar").build());
        assertThrows(IllegalArgumentException.class, () -> ChildJvm.builder("x", " "));
    }

    @Test
    void stopBeforeStartIsHarmless() {
        ChildJvm jvm = child(ChildPrograms.Sleep.class).build();

        assertEquals(OptionalInt.empty(), jvm.stop(Duration.ofSeconds(1)));
        assertFalse(jvm.isAlive());
    }

    private static void awaitLogLine(ChildJvm jvm, String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(jvm.logFile()) && Files.readAllLines(jvm.logFile()).contains(line)) {
                return;
            }
            if (!jvm.isAlive()) {
                throw new AssertionError("child exited: " + jvm.tailOfLog(20));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + line + "' in " + jvm.logFile() + ": " + jvm.tailOfLog(20));
    }
}
