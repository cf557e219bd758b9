package dev.recsys.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.cli.Cli;
import dev.recsys.cli.UsageException;
import dev.recsys.index.embed.EmbedderSpec;
import dev.recsys.index.embed.TransformerModel;
import dev.recsys.ranker.fairness.FairnessConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigTest {

    @TempDir
    Path dir;

    private static String rejected(String... args) {
        return assertThrows(UsageException.class, () -> ServiceConfig.parse(args))
                .getMessage();
    }

    private static ServiceConfig parse(Map<String, String> env, String... args) {
        return Cli.parse(new ServiceCommand(), args, env).config();
    }

    @Test
    void demoAloneTakesEveryDefault() {
        ServiceConfig config = ServiceConfig.parse("--demo");
        assertTrue(config.demo());
        assertNull(config.catalog());
        assertEquals("127.0.0.1:9092", config.bootstrapServers());
        assertEquals(Map.of(), config.kafka().properties());
        assertEquals(8080, config.httpPort());
        assertEquals("127.0.0.1", config.bindAddress());
        assertEquals(Path.of("./data/service"), config.dataDir());
        assertEquals(50, config.simulatedShoppers());
        assertEquals(20.0, config.simulatorRate());
        assertEquals(List.of(), config.catalogDirs());
        assertEquals(FairnessConfig.defaults(), config.fairness());
        assertEquals(Duration.ofMinutes(15), config.exposure().window());
        assertEquals(EmbedderSpec.TRANSFORMER, config.embedder());
        assertEquals(TransformerModel.BGE_SMALL_EN_V15_Q, config.embedder().model());
        assertEquals(List.of(), config.jobMetrics());
    }

    @Test
    void jobMetricsTakesHttpUrlsRepeatedOrCommaSeparatedAndRefusesOthersNamingTheFlag() {
        ServiceConfig config = ServiceConfig.parse(
                "--demo",
                "--job-metrics",
                "http://127.0.0.1:9249/metrics,http://10.0.0.2:9249/metrics",
                "--job-metrics",
                "https://tm-3.example:9249/metrics");
        assertEquals(
                List.of(
                        URI.create("http://127.0.0.1:9249/metrics"),
                        URI.create("http://10.0.0.2:9249/metrics"),
                        URI.create("https://tm-3.example:9249/metrics")),
                config.jobMetrics());
        assertTrue(rejected("--demo", "--job-metrics", "127.0.0.1:9249").startsWith("--job-metrics"));
        assertTrue(rejected("--demo", "--job-metrics", "file:///etc/passwd").startsWith("--job-metrics"));
        assertTrue(
                rejected("--demo", "--job-metrics", "http://bad host/metrics").startsWith("--job-metrics"));
    }

    @Test
    void readsEveryFlagInBothSpellings() {
        ServiceConfig config = ServiceConfig.parse(
                "--bootstrap-servers=kafka:29092",
                "--http-port",
                "0",
                "--catalog",
                "items.jsonl",
                "--data=/tmp/svc",
                "--simulated-shoppers",
                "5",
                "--simulator-rate=2.5",
                "--catalog-dir",
                "/srv/a",
                "--catalog-dir=/srv/b");
        assertEquals("kafka:29092", config.bootstrapServers());
        assertEquals(0, config.httpPort());
        assertEquals(Path.of("items.jsonl"), config.catalog());
        assertEquals(Path.of("/tmp/svc"), config.dataDir());
        assertFalse(config.demo());
        assertEquals(5, config.simulatedShoppers());
        assertEquals(2.5, config.simulatorRate());
        assertEquals(List.of(Path.of("/tmp/svc"), Path.of("/srv/a"), Path.of("/srv/b")), config.sourceFolders());
    }

    @Test
    void fairnessAndExposureAreSettings() {
        ServiceConfig config = ServiceConfig.parse(
                "--demo",
                "--fairness-target",
                "0.5",
                "--fairness-alpha",
                "0.05",
                "--max-seller-share",
                "1",
                "--exposure-window",
                "1h");

        assertEquals(new FairnessConfig(0.5, 0.05, true, 1), config.fairness());
        assertFalse(config.fairness().sellerCapEnabled());
        assertEquals(Duration.ofHours(1), config.exposure().window());
        assertEquals(60, config.exposure().buckets());
        assertFalse(ServiceConfig.parse("--demo", "--fairness-target", "0")
                .fairness()
                .quotaEnabled());
    }

    @Test
    void badFairnessSettingsNameTheSetting() {
        assertEquals(
                "--fairness-target must be between 0 and 1 (0 turns the quota off), got 1.5",
                rejected("--demo", "--fairness-target", "1.5"));
        assertEquals(
                "--fairness-alpha must be above 0 and below 1, got 0.0", rejected("--demo", "--fairness-alpha", "0"));
        assertEquals(
                "--max-seller-share must be above 0 and at most 1 (1 turns the cap off), got 0.0",
                rejected("--demo", "--max-seller-share", "0"));
        assertTrue(rejected("--demo", "--exposure-window", "PT90S").startsWith("--exposure-window must be a whole"));
        assertTrue(rejected("--demo", "--exposure-window", "soon").contains("--exposure-window"));
        assertTrue(rejected("--demo", "--fairness-alpha", "often").contains("--fairness-alpha"));
    }

    @Test
    void aCatalogOrDemoIsRequired() {
        assertTrue(rejected().contains("--catalog"));
    }

    @Test
    void badValuesNameTheFlag() {
        assertTrue(rejected("--demo", "--http-port", "http").contains("--http-port"));
        assertTrue(rejected("--demo", "--http-port", "70000").contains("--http-port"));
        assertTrue(rejected("--demo", "--simulator-rate", "0").contains("--simulator-rate"));
        assertTrue(rejected("--demo", "--simulated-shoppers", "-1").contains("--simulated-shoppers"));
        assertTrue(rejected("--demo", "--catalog").contains("--catalog"));
        assertTrue(rejected("--demo", "--colour", "red").contains("--colour"));
        assertTrue(rejected("--demo=yes").contains("--demo"));
        assertTrue(rejected("--demo", "--bind-address", "localhost").contains("--bind-address"));
        assertTrue(rejected("--demo", "--protected-group", "tier:").contains("--protected-group"));
        assertTrue(rejected("--demo", "--kafka-property", "acks=1").startsWith("--kafka-property acks cannot be set"));
    }

    @Test
    void tokensComeFromTheirVariablesUnlessGivenAsFlags() {
        Map<String, String> env = Map.of("RECSYS_ADMIN_TOKEN", " admin-from-env ", "RECSYS_API_TOKEN", "api-from-env");

        ServiceConfig fromEnv = parse(env, "--demo");
        ServiceConfig flagsWin = parse(env, "--demo", "--admin-token", "admin-flag", "--api-token=api-flag");

        assertEquals("admin-from-env", fromEnv.adminToken());
        assertEquals("api-from-env", fromEnv.apiToken());
        assertEquals("admin-flag", flagsWin.adminToken());
        assertEquals("api-flag", flagsWin.apiToken());
        assertNull(parse(Map.of("RECSYS_ADMIN_TOKEN", "  "), "--demo").adminToken(), "blank is unset");
    }

    @Test
    void flagsWinOverVariablesWhichWinOverTheConfigFile() throws IOException {
        Path file = Files.writeString(
                dir.resolve("service.properties"),
                "demo=true\nhttp-port=8001\nbind-address=0.0.0.0\nfairness-target=0.4\ncatalog-dir=/srv/a,/srv/b\n");
        Map<String, String> env = Map.of("RECSYS_HTTP_PORT", "8002", "RECSYS_FAIRNESS_TARGET", "0.45");

        ServiceConfig fileOnly = parse(Map.of(), "--config", file.toString());
        ServiceConfig withEnv = parse(env, "--config", file.toString());
        ServiceConfig withFlag = parse(env, "--config", file.toString(), "--http-port", "8003");

        assertTrue(fileOnly.demo());
        assertEquals(8001, fileOnly.httpPort());
        assertEquals("0.0.0.0", fileOnly.bindAddress());
        assertEquals(0.4, fileOnly.fairnessTarget());
        assertEquals(List.of(Path.of("/srv/a"), Path.of("/srv/b")), fileOnly.catalogDirs());
        assertEquals(8002, withEnv.httpPort());
        assertEquals(0.45, withEnv.fairnessTarget());
        assertEquals(8003, withFlag.httpPort());
    }

    @Test
    void aBadSettingFromAVariableStopsTheStartNamingTheVariable() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Cli.run(
                new ServiceCommand(),
                new String[] {"--demo"},
                Map.of("RECSYS_FAIRNESS_TARGET", "2"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, code);
        assertEquals(
                "recsys serve: --fairness-target must be between 0 and 1 (0 turns the quota off), got 2.0"
                        + " (--fairness-target is set by RECSYS_FAIRNESS_TARGET)",
                err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""));
    }

    @Test
    void theLogLineHoldsNoSecret() {
        ServiceConfig config = ServiceConfig.parse(
                "--demo",
                "--admin-token",
                "admin-s3cret",
                "--api-token",
                "api-s3cret",
                "--kafka-property",
                "sasl.jaas.config=PlainLoginModule required password=\"s3cret\";");

        assertFalse(config.toString().contains("s3cret"), config.toString());
        assertTrue(config.toString().contains("sasl.jaas.config"), config.toString());
    }
}
