package dev.recsys.index.process;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.recsys.infra.net.LocalPorts;
import dev.recsys.infra.process.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./recsys demo} as a user runs it: the launcher ({@code dev.recsys.infra.demo.DemoMain}) in a
 * JVM of its own, which starts the real Kafka broker, the real stream job ({@code IngestJobMain}) and
 * the real index service ({@code ServiceMain}) as its children. Its output goes to a file that the
 * tests read, as a user reads the terminal; the children's classpath is this test's.
 */
final class DemoLauncher implements AutoCloseable {

    /** The demo's fixed admin token ({@code DemoGuide.ADMIN_TOKEN}). */
    static final String ADMIN_TOKEN = "demo-admin-token";

    private static final String CLASSPATH = System.getProperty("java.class.path");
    private static final String FLINK_OPENS_PROPERTY = "recsys.flink.jvm.opens";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final ChildJvm launcher;
    private final Path output;
    private final int httpPort;
    private final ServiceClient service;

    private DemoLauncher(ChildJvm launcher, Path output, int httpPort) {
        this.launcher = launcher;
        this.output = output;
        this.httpPort = httpPort;
        this.service = new ServiceClient(httpPort, ADMIN_TOKEN);
    }

    /**
     * Starts the demo on {@code dataDir} with a small catalog, a slow simulator and checkpoints every
     * two seconds, on free ports.
     *
     * @param output where the launcher's output goes (one file per run)
     * @param extraArgs further demo flags, e.g. {@code --fresh}
     */
    static DemoLauncher start(Path dataDir, Path catalog, Path output, String... extraArgs) throws IOException {
        String opens = System.getProperty(FLINK_OPENS_PROPERTY);
        assertNotNull(opens, FLINK_OPENS_PROPERTY + " is not set: run the test through Maven (see the module's pom)");
        int[] ports = LocalPorts.pickFree(2);
        List<String> args = new ArrayList<>(List.of(
                "--ingest-classpath",
                CLASSPATH,
                "--service-classpath",
                CLASSPATH,
                "--data",
                dataDir.toString(),
                "--http-port",
                Integer.toString(ports[0]),
                "--kafka-port",
                Integer.toString(ports[1]),
                "--jvm-opts",
                opens,
                "--catalog",
                catalog.toString(),
                "--simulated-shoppers",
                "2",
                "--simulator-rate",
                "1",
                "--checkpoint-interval-ms",
                "2000"));
        args.addAll(List.of(extraArgs));
        ChildJvm launcher = ChildJvm.builder("demo", "dev.recsys.infra.demo.DemoMain")
                .classpath(CLASSPATH)
                .jvmOptions(List.of("-Xmx128m"))
                .args(args)
                .logFile(output)
                .build()
                .start();
        return new DemoLauncher(launcher, output, ports[0]);
    }

    ServiceClient service() {
        return service;
    }

    int httpPort() {
        return httpPort;
    }

    /** Everything the launcher printed so far. */
    String output() throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }

    /** Waits for the launcher's "ready" line; fails at once, with its output, if it exits first. */
    void awaitReady(Duration timeout) throws Exception {
        awaitOutput("recsys demo ready in ", timeout);
    }

    /** Waits until the launcher has printed {@code text}; fails at once, with its output, if it exits first. */
    void awaitOutput(String text, Duration timeout) throws Exception {
        Poll.until(timeout, () -> "'" + text + "' in the demo's output:\n" + quietly(this::output), () -> {
            if (output().contains(text)) {
                return true;
            }
            if (!launcher.isAlive()) {
                fail("the demo exited with code " + launcher.exitCode().orElse(-1) + " before printing '" + text
                        + "':\n" + output());
            }
            return false;
        });
    }

    /**
     * The process id of a part ({@code kafka}, {@code ingest-job}, {@code index-service}) as the demo
     * printed it last: in its guide, or when it started the part again.
     */
    long pidOf(String part) throws IOException {
        Matcher m = Pattern.compile("(?m)^(?:    " + Pattern.quote(part) + " +pid (\\d+) |" + Pattern.quote(part)
                        + " is running again as pid (\\d+)\\.$)")
                .matcher(output());
        Optional<Long> last = Optional.empty();
        while (m.find()) {
            last = Optional.of(Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2)));
        }
        return last.orElseThrow(() -> new AssertionError("the demo printed no pid for " + part));
    }

    /** Kills a part's process outright ({@code kill -9}). */
    void kill(String part) throws Exception {
        long pid = pidOf(part);
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(part + " is not running"));
        assertTrue(process.destroyForcibly(), "cannot kill " + part);
        Poll.until(Duration.ofSeconds(10), () -> part + " (pid " + pid + ") to die", () -> !process.isAlive());
    }

    /**
     * Stops the demo as Ctrl-C does: the terminal signals the launcher and every JVM it started at once
     * (SIGTERM here: a JVM started in the background ignores SIGINT, and both run the shutdown hooks).
     * Waits until the launcher and all of them have exited.
     *
     * @return the processes that were running, all exited now
     */
    List<ProcessHandle> stopLikeCtrlC() throws Exception {
        ProcessHandle root = ProcessHandle.of(launcher.pid()).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(root);
        all.forEach(ProcessHandle::destroy);
        Poll.until(
                STOP_TIMEOUT,
                () -> "the demo's processes to exit; still running: "
                        + all.stream().filter(ProcessHandle::isAlive).toList(),
                () -> all.stream().noneMatch(ProcessHandle::isAlive));
        return all;
    }

    @Override
    public void close() {
        launcher.stop(STOP_TIMEOUT);
    }

    /** What a failure message shows when reading the output itself fails. */
    private static String quietly(IoSupplier supplier) {
        try {
            return supplier.get();
        } catch (IOException e) {
            return "(cannot read: " + e + ")";
        }
    }

    private interface IoSupplier {
        String get() throws IOException;
    }
}
