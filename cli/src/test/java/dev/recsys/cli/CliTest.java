package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) throws Exception {
        return Cli.run(new SampleCommand(), args, env, print(out), print(err));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aGoodCommandLineRunsTheCommandAndReturnsItsCode() throws Exception {
        SampleCommand command = new SampleCommand();

        int code = Cli.run(command, new String[] {"--http-port", "9000"}, Map.of(), print(out), print(err));

        assertEquals(7, code);
        assertTrue(command.called);
        assertEquals("", err());
    }

    @Test
    void aBadValueExitsWithTwoTheFlagFirstThenTheUsage() throws Exception {
        int code = run(Map.of(), "--http-port", "eighty");

        List<String> lines = err().lines().toList();
        assertEquals(2, code);
        assertTrue(lines.get(0).startsWith("recsys sample: "), lines.get(0));
        assertTrue(lines.get(0).contains("--http-port"), lines.get(0));
        assertTrue(lines.get(1).startsWith("Usage: recsys sample"), lines.get(1));
        assertEquals("", out());
    }

    @Test
    void aUsageErrorOfTheCommandItselfTakesTheSamePath() throws Exception {
        int code = run(Map.of(), "--http-port", "1");

        assertEquals(2, code);
        assertTrue(err().startsWith("recsys sample: --http-port must not be 1, got 1\nUsage: recsys sample"), err());
    }

    @Test
    void anUnknownFlagIsNamedWithoutTheValueThatFollows() throws Exception {
        int code = run(Map.of(), "--admin-tokn", "s3cret-value", "--admin-tokn2=other-s3cret");

        assertEquals(2, code);
        assertTrue(err().startsWith("recsys sample: unknown flags --admin-tokn, --admin-tokn2"), err());
        assertTrue(err().contains("did you mean --admin-token"), err());
        assertFalse(err().contains("s3cret"), err());
    }

    @Test
    void aStrayArgumentIsNotEchoed() throws Exception {
        int code = run(Map.of(), "--fresh", "s3cret-value");

        assertEquals(2, code);
        assertTrue(err().startsWith("recsys sample: unexpected argument"), err());
        assertFalse(err().contains("s3cret"), err());
    }

    @Test
    void helpListsEveryOptionWithItsDefaultButNeverATokensValue() throws Exception {
        int code = run(Map.of("RECSYS_ADMIN_TOKEN", "s3cret-token", "RECSYS_HTTP_PORT", "8123"), "--help");

        assertEquals(0, code);
        for (String flag : List.of(
                "--config",
                "--http-port",
                "--data",
                "--admin-token",
                "--fresh",
                "--bootstrap-servers",
                "--kafka-property",
                "--kafka-config",
                "--help",
                "--version")) {
            assertTrue(out().contains(flag), flag + " in " + out());
        }
        assertTrue(out().contains("Default: ./data/sample"), out());
        assertTrue(out().contains("Default: 8123"), "the default in force: " + out());
        assertFalse(out().contains("s3cret"), out());
        assertEquals("", err());
    }

    @Test
    void versionIsTheBuildsVersion() throws Exception {
        int code = run(Map.of(), "--version");

        assertEquals(0, code);
        assertTrue(out().startsWith("recsys " + VersionProvider.version() + "\n"), out());
        assertTrue(VersionProvider.version().matches("\\d+\\.\\d+\\.\\d+.*"), VersionProvider.version());
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
