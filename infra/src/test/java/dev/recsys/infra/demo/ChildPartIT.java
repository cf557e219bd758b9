package dev.recsys.infra.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.infra.process.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's and the service's part of the demo, with a small real child JVM. */
class ChildPartIT {

    private static final String TEST_CLASSPATH = System.getProperty("java.class.path");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private ChildPart part;

    @AfterEach
    void stopChild() {
        if (part != null) {
            part.stop();
        }
    }

    @Test
    void killedChildIsReportedWithItsSignalAndItsRestartAppendsToTheSameLog() throws Exception {
        Path log = dir.resolve("logs/ingest-job.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "a line of the previous demo run\n");
        String marker = "run-" + UUID.randomUUID();
        part = new ChildPart("ingest-job", recipe("ingest-job", List.of(), marker), log, Duration.ofSeconds(5));

        part.start();
        awaitLogContains(log, "fake job started with " + marker);
        ProcessHandle child = ProcessHandle.of(part.pid().orElseThrow()).orElseThrow();
        child.destroyForcibly();
        awaitDead();

        assertEquals("exited with code 137 (killed by signal 9)", part.howItEnded());
        assertTrue(part.worthRestarting());
        assertFalse(Files.readString(log).contains("previous demo run"), "a demo run starts a new log");

        part.start();
        awaitLogContains(log, "starting ingest-job", 2);
        assertTrue(part.isAlive());
    }

    @Test
    void childThatRejectsItsCommandLineIsNotWorthRestarting() throws Exception {
        part = new ChildPart(
                "index-service",
                recipe("index-service", List.of("-Dfake.exitCode=" + ChildPart.EXIT_USAGE), "x"),
                dir.resolve("index-service.log"),
                Duration.ofSeconds(5));

        part.start();
        awaitDead();

        assertEquals("exited with code 2", part.howItEnded());
        assertFalse(part.worthRestarting());
    }

    private static ChildJvm.Builder recipe(String name, List<String> jvmOptions, String marker) {
        return ChildJvm.builder(name, FakeJob.class.getName())
                .classpath(TEST_CLASSPATH)
                .jvmOptions(jvmOptions)
                .args(marker);
    }

    private void awaitDead() throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (part.isAlive()) {
            assertTrue(System.nanoTime() < deadline, "the child is still running");
            Thread.sleep(20);
        }
    }

    private static void awaitLogContains(Path log, String text) throws Exception {
        awaitLogContains(log, text, 1);
    }

    private static void awaitLogContains(Path log, String text, int times) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            String content = Files.exists(log) ? Files.readString(log) : "";
            if (content.split(Pattern.quote(text), -1).length - 1 >= times) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, () -> "'" + text + "' " + times + "x not in the log: " + content);
            Thread.sleep(20);
        }
    }
}
