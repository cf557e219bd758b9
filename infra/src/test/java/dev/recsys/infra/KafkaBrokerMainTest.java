package dev.recsys.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KafkaBrokerMainTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--port abc                            | --port",
                "--port 70000                          | --port",
                "--controller-port -5                  | --controller-port",
                "--port 9500 --controller-port 9500    | --controller-port",
                "--data                                | --data",
                "--bogus 1                             | --bogus",
                "--port 1 --port 2                     | --port",
            })
    void badArgumentsExitWithCode2AndNameTheFlag(String args, String flag) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = KafkaBrokerMain.run(args.split(" +"), print(out), print(err));

        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, message);
        assertTrue(message.lines().findFirst().orElse("").contains(flag), message);
        assertTrue(message.contains("Usage: recsys kafka"), message);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsageAndExitsWith0() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = KafkaBrokerMain.run(new String[] {"--help"}, print(out), print(new ByteArrayOutputStream()));

        assertEquals(0, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--controller-port"));
    }

    @Test
    void defaultsAreTheConventionalPortsAndALocalDataFolder() throws Exception {
        KafkaBrokerMain.Options options = KafkaBrokerMain.Options.parse(new String[0]);

        assertEquals(new KafkaBrokerMain.Options(Path.of("data/kafka"), 9092, 9093), options);
    }

    @Test
    void portsComeFromTheEnvironmentWhenNotGiven() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = KafkaBrokerMain.run(
                new String[] {"--controller-port", "9500"},
                Map.of("RECSYS_PORT", "9500"),
                print(new ByteArrayOutputStream()),
                print(err));

        assertEquals(2, code);
        assertTrue(
                err.toString(StandardCharsets.UTF_8)
                        .startsWith("recsys kafka: --controller-port must differ from --port"
                                + " (both are 9500) (--port is set by RECSYS_PORT)"),
                err.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
