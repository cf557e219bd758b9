package dev.recsys.infra.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.infra.net.LocalPorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoMainIT {

    private static final String TEST_CLASSPATH = System.getProperty("java.class.path");

    private static final DemoSupervisor.RestartPolicy TWO_QUICK_RESTARTS =
            new DemoSupervisor.RestartPolicy(2, Duration.ofMillis(50), Duration.ofMinutes(1));

    @TempDir
    Path dir;

    @Test
    void childThatKeepsExitingIsRestartedThenTheDemoStopsWithItsLogAndFreesEveryPort() throws Exception {
        int[] ports = LocalPorts.pickFree(2);
        Files.createDirectories(dir.resolve("service/index"));
        Files.writeString(dir.resolve("service/index/CURRENT"), "3");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = DemoMain.run(
                new String[] {
                    "--ingest-classpath",
                    TEST_CLASSPATH,
                    "--service-classpath",
                    TEST_CLASSPATH,
                    "--data",
                    dir.toString(),
                    "--http-port",
                    Integer.toString(ports[0]),
                    "--kafka-port",
                    Integer.toString(ports[1]),
                    "--jvm-opts",
                    "-Xmx64m  -Dfake.failAfterReadyOnPort=" + ports[0]
                },
                print(out),
                print(err),
                FakeJob.class.getName(),
                FakeService.class.getName(),
                TWO_QUICK_RESTARTS);

        String printed = out.toString(StandardCharsets.UTF_8);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, printed + errors);
        assertTrue(
                printed.startsWith("Reusing " + dir + ": catalog generation 3; ./recsys demo --fresh starts clean\n"),
                printed);
        assertTrue(printed.contains("recsys demo ready in "), printed);
        assertTrue(printed.contains("\"itemId\":\"item-7\""), "example uses an item the service knows: " + printed);
        assertTrue(printed.contains("/v1/search?q=red&user=shopper-1"), printed);
        assertTrue(printed.contains("ingest-job exited with code 3; restarting it (attempt 1 of 2)."), printed);
        assertTrue(printed.contains("ingest-job exited with code 3; restarting it (attempt 2 of 2)."), printed);
        assertTrue(errors.contains("ingest-job exited with code 3 again after 2 restarts; giving up."), errors);
        assertTrue(errors.contains("lost the connection to the cluster"), "tail of the job log: " + errors);
        assertTrue(LocalPorts.isFree(ports[0]), "service still listening");
        assertTrue(LocalPorts.isFree(ports[1]), "broker still listening");
        String jobLog = Files.readString(dir.resolve("logs/ingest-job.log"));
        assertEquals(3, jobLog.split("starting ingest-job", -1).length - 1, "restarts append to the log: " + jobLog);
        assertTrue(jobLog.contains("--bootstrap-servers 127.0.0.1:" + ports[1]), jobLog);
        assertTrue(jobLog.contains("--checkpoint-dir " + dir.resolve("ingest/checkpoints")), jobLog);
        assertTrue(Files.exists(dir.resolve("kafka/kraft/meta.properties")), "the broker's data is kept");
    }

    @Test
    void freshRefusesADataFolderThatHoldsSomethingElseBeforeStartingAnything() throws Exception {
        int[] ports = LocalPorts.pickFree(2);
        Files.writeString(dir.resolve("thesis.tex"), "x");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = DemoMain.run(
                new String[] {
                    "--ingest-classpath",
                    TEST_CLASSPATH,
                    "--service-classpath",
                    TEST_CLASSPATH,
                    "--data",
                    dir.toString(),
                    "--http-port",
                    Integer.toString(ports[0]),
                    "--kafka-port",
                    Integer.toString(ports[1]),
                    "--fresh"
                },
                print(out),
                print(err));

        String errors = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, errors);
        assertTrue(errors.contains("does not look like a demo data folder (it holds [thesis.tex])"), errors);
        assertTrue(Files.exists(dir.resolve("thesis.tex")));
        assertTrue(Files.notExists(dir.resolve("kafka")), "nothing was started");
    }

    @Test
    void portInUseIsReportedWithItsFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = DemoMain.run(
                    new String[] {
                        "--ingest-classpath",
                        "a",
                        "--service-classpath",
                        "b",
                        "--http-port",
                        Integer.toString(taken.getLocalPort())
                    },
                    print(new ByteArrayOutputStream()),
                    print(err));

            assertEquals(2, code);
            assertTrue(err.toString(StandardCharsets.UTF_8)
                    .contains("--http-port " + taken.getLocalPort() + " is already in use"));
        }
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
