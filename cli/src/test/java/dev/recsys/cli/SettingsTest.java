package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("sample.properties"), text);
    }

    private static SampleCommand parse(Map<String, String> env, String... args) {
        return Cli.parse(new SampleCommand(), args, env);
    }

    @Test
    void flagsWinOverVariablesWhichWinOverTheFileWhichWinsOverDefaults() throws IOException {
        Path config = file("http-port=8001\ndata=/from/file\nadmin-token=file-token\n");
        Map<String, String> env = Map.of("RECSYS_HTTP_PORT", "8002", "RECSYS_DATA", "/from/env");

        SampleCommand all = parse(env, "--config", config.toString(), "--http-port", "8003");
        SampleCommand noFlag = parse(env, "--config", config.toString());
        SampleCommand fileOnly = parse(Map.of(), "--config", config.toString());
        SampleCommand nothing = parse(Map.of());

        assertEquals(8003, all.httpPort);
        assertEquals(Path.of("/from/env"), all.data);
        assertEquals("file-token", all.adminToken);
        assertEquals(8002, noFlag.httpPort);
        assertEquals(8001, fileOnly.httpPort);
        assertEquals(Path.of("/from/file"), fileOnly.data);
        assertEquals(8080, nothing.httpPort);
        assertEquals(Path.of("./data/sample"), nothing.data);
        assertNull(nothing.adminToken);
    }

    @Test
    void theFileIsNamedOnTheCommandLineOnly() throws IOException {
        Path config = file("http-port=8001\n");

        assertEquals(8080, parse(Map.of("RECSYS_CONFIG", config.toString())).httpPort);
        assertEquals(8001, parse(Map.of(), "--config=" + config).httpPort);
    }

    @Test
    void aBlankVariableCountsAsUnset() {
        assertEquals(8080, parse(Map.of("RECSYS_HTTP_PORT", "  ")).httpPort);
        assertNull(parse(Map.of("RECSYS_ADMIN_TOKEN", "")).adminToken);
    }

    @Test
    void aFlagOnlyOptionIgnoresItsVariableAndIsRefusedInTheFile() throws IOException {
        assertFalse(parse(Map.of("RECSYS_FRESH", "true")).fresh);
        assertTrue(parse(Map.of(), "--fresh").fresh);

        Path config = file("fresh=true\n");
        String message = assertThrows(UsageException.class, () -> parse(Map.of(), "--config", config.toString()))
                .getMessage();
        assertTrue(message.contains("fresh is no setting of recsys sample"), message);
    }

    @Test
    void anUnknownKeyOfTheFileIsNamedWithTheFile() throws IOException {
        Path config = file("htp-port=9000\n");

        String message = assertThrows(UsageException.class, () -> parse(Map.of(), "--config", config.toString()))
                .getMessage();

        assertTrue(message.startsWith("--config " + config + ": htp-port is no setting of recsys sample"), message);
        assertTrue(message.contains("http-port"), "lists the settings: " + message);
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.properties");

        String message = assertThrows(UsageException.class, () -> parse(Map.of(), "--config", missing.toString()))
                .getMessage();

        assertTrue(message.startsWith("--config " + missing + " cannot be read"), message);
    }

    @Test
    void aBadValueFromAVariableNamesTheVariable() {
        String message = assertThrows(UsageException.class, () -> parse(Map.of("RECSYS_HTTP_PORT", "eighty")))
                .getMessage();

        assertTrue(message.contains("--http-port"), message);
        assertTrue(message.contains("--http-port is set by RECSYS_HTTP_PORT"), message);
    }

    @Test
    void aBadValueFromTheFileNamesTheFile() throws IOException {
        Path config = file("http-port=eighty\n");

        String message = assertThrows(UsageException.class, () -> parse(Map.of(), "--config", config.toString()))
                .getMessage();

        assertTrue(message.contains("--http-port is set by " + config), message);
    }

    @Test
    void aFlagOnTheCommandLineLeavesABadVariableUnread() {
        assertEquals(9000, parse(Map.of("RECSYS_HTTP_PORT", "eighty"), "--http-port=9000").httpPort);
    }

    @Test
    void variablesAreNamedAfterTheLongestFlag() {
        assertEquals(
                "RECSYS_BOOTSTRAP_SERVERS",
                Settings.envName(Cli.spec(new SampleCommand()).findOption("--bootstrap-servers")));
        assertEquals("kafka-config", Settings.key(Cli.spec(new SampleCommand()).findOption("--kafka-config")));
    }
}
