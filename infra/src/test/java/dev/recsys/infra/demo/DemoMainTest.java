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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoMainTest {

    private static final String TEST_CLASSPATH = System.getProperty("java.class.path");

    @TempDir
    Path dir;

    @Test
    void childThatExitsEarlyStopsTheDemoWithItsLogAndFreesEveryPort() throws Exception {
        int[] ports = LocalPorts.pickFree(2);
        Path stale = dir.resolve("kafka/kraft/stale-partition");
        Files.createDirectories(stale);
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
                FakeService.class.getName());

        String printed = out.toString(StandardCharsets.UTF_8);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, printed + errors);
        assertTrue(printed.contains("recsys demo ready in "), printed);
        assertTrue(printed.contains("\"itemId\":\"item-7\""), "example uses an item the service knows: " + printed);
        assertTrue(printed.contains("/v1/search?q=red&user=shopper-1"), printed);
        assertTrue(errors.contains("ingest-job exited with code 3"), errors);
        assertTrue(errors.contains("lost the connection to the cluster"), "tail of the job log: " + errors);
        assertTrue(LocalPorts.isFree(ports[0]), "service still listening");
        assertTrue(LocalPorts.isFree(ports[1]), "broker still listening");
        assertTrue(Files.notExists(stale), "broker data of an earlier demo was kept");
        assertTrue(Files.readString(dir.resolve("logs/ingest-job.log"))
                .contains("--bootstrap-servers 127.0.0.1:" + ports[1]));
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
