package dev.recsys.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.ingest.IngestJobOptions.StateBackend;
import dev.recsys.ingest.IngestJobOptions.StatsWindow;
import dev.recsys.ingest.kafka.StartingOffsets;
import dev.recsys.ranker.json.VectorEncoding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestJobOptionsTest {

    private static String failure(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> IngestJobOptions.parse(args))
                .getMessage();
    }

    @Test
    void noFlagsGiveTheDefaults() {
        IngestJobOptions options = IngestJobOptions.parse();

        assertEquals(IngestJobOptions.defaults(), options);
        assertEquals("127.0.0.1:9092", options.bootstrapServers());
        assertEquals(2, options.parallelism());
        assertNull(options.checkpointInterval(), "the cluster's, else the job's default");
        assertEquals(Duration.ofDays(1), options.halfLife());
        assertEquals(Duration.ofSeconds(60), options.unknownItemWait());
        assertEquals(StartingOffsets.EARLIEST, options.startingOffsets());
        assertEquals(Duration.ofHours(24), options.dedupTtl());
        assertEquals(Duration.ofDays(90), options.profileTtl());
        assertEquals(
                List.of(
                        new StatsWindow(Duration.ofHours(1), Duration.ofMinutes(5)),
                        new StatsWindow(Duration.ofDays(1), Duration.ofHours(1))),
                options.itemStatsWindows());
        assertNull(options.stateBackend(), "the cluster's, else the heap");
        assertNull(options.checkpointDir(), "the cluster's, else ./data/ingest/checkpoints");
        assertNull(options.restoreFrom());
        assertEquals(Map.of(), options.kafka().properties());
    }

    @Test
    void everyFlagIsRead() {
        IngestJobOptions options = IngestJobOptions.parse(
                "--bootstrap-servers", "kafka-1:9092,kafka-2:9092",
                "--kafka-property", "security.protocol=SSL",
                "--group-id", "ingest-eu",
                "--parallelism", "8",
                "--checkpoint-interval-ms", "30000",
                "--half-life", "PT6H",
                "--unknown-item-wait-ms", "5000",
                "--starting-offsets", "latest",
                "--out-of-orderness-ms", "2000",
                "--idleness-ms", "15000",
                "--buffer-timeout-ms", "50",
                "--dedup-ttl", "PT12H",
                "--profile-ttl", "P30D",
                "--item-stats-windows", "PT10M/PT1M",
                "--state-backend", "rocksdb",
                "--vector-encoding", "array",
                "--checkpoint-dir", "s3://bucket/checkpoints",
                "--restore-from", "/var/ckpt/chk-7");

        assertEquals(
                new IngestJobOptions(
                        new KafkaSettings("kafka-1:9092,kafka-2:9092", Map.of("security.protocol", "SSL")),
                        "ingest-eu",
                        8,
                        Duration.ofSeconds(30),
                        Duration.ofHours(6),
                        Duration.ofSeconds(5),
                        StartingOffsets.LATEST,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(15),
                        Duration.ofMillis(50),
                        Duration.ofHours(12),
                        Duration.ofDays(30),
                        List.of(new StatsWindow(Duration.ofMinutes(10), Duration.ofMinutes(1))),
                        StateBackend.ROCKSDB,
                        VectorEncoding.ARRAY,
                        "s3://bucket/checkpoints",
                        "file:///var/ckpt/chk-7"),
                options);
    }

    @Test
    void itemStatsWindowsCanBeTurnedOff() {
        assertEquals(
                List.of(),
                IngestJobOptions.parse("--item-stats-windows", "none").itemStatsWindows());
    }

    @Test
    void relativeCheckpointFolderBecomesAnAbsoluteFileUri() {
        String dir = IngestJobOptions.parse("--checkpoint-dir", "ckpt").checkpointDir();

        assertEquals(Path.of("ckpt").toAbsolutePath().toUri().toString(), dir);
    }

    @Test
    void badOperationsValuesNameTheirFlag() {
        assertEquals("--state-backend must be heap or rocksdb, got 'disk'", failure("--state-backend", "disk"));
        assertEquals(
                "--kafka-property acks cannot be set: the project's producers need it for what they promise (an"
                        + " acknowledged record is kept, and kept once)",
                failure("--kafka-property", "acks=0"));
        assertEquals("--dedup-ttl must be a positive duration, got PT0S", failure("--dedup-ttl", "PT0S"));
        assertEquals(
                "--item-stats-windows: slide PT7M must divide size PT1H", failure("--item-stats-windows", "PT1H/PT7M"));
        assertEquals(
                "--item-stats-windows must be SIZE/SLIDE[,SIZE/SLIDE...] or none, got 'PT1H'",
                failure("--item-stats-windows", "PT1H"));
    }

    @Test
    void flagAndValueMayBeJoinedByAnEqualsSign() {
        assertEquals(3, IngestJobOptions.parse("--parallelism=3").parallelism());
    }

    @Test
    void badValuesNameTheirFlag() {
        assertEquals("Invalid value for option '--parallelism': 'two' is not an int", failure("--parallelism", "two"));
        assertEquals("--parallelism must be at least 1, got 0", failure("--parallelism", "0"));
        assertEquals(
                "Invalid value for option '--half-life': must be an ISO-8601 duration such as P1D or PT6H, got '1d'",
                failure("--half-life", "1d"));
        assertEquals("--half-life must be a positive duration, got PT0S", failure("--half-life", "PT0S"));
        assertEquals(
                "Invalid value for option '--unknown-item-wait-ms': must be a whole number of milliseconds, got '1m'",
                failure("--unknown-item-wait-ms", "1m"));
        assertEquals("--checkpoint-interval-ms must be at least 10, got 5", failure("--checkpoint-interval-ms", "5"));
        assertEquals(
                "--starting-offsets: expected earliest or latest, got 'newest'",
                failure("--starting-offsets", "newest"));
        assertEquals("--group-id must not be empty", failure("--group-id", " "));
    }

    @Test
    void committedOffsetsAreRefusedWithTheReason() {
        String message = failure("--starting-offsets", "committed");

        assertTrue(
                message.startsWith("--starting-offsets: 'committed' is not accepted: the job resumes from its"
                        + " latest checkpoint"),
                message);
    }

    @Test
    void unknownFlagIsNamedWithTheLikelyOne() {
        assertEquals("unknown flag --paralellism (did you mean --parallelism?)", failure("--paralellism", "2"));
    }

    @Test
    void flagWithoutValueIsReported() {
        assertEquals("Missing required parameter for option '--group-id' (ID)", failure("--group-id"));
        assertEquals(
                "Expected parameter for option '--group-id' but found '--parallelism'",
                failure("--group-id", "--parallelism", "2"));
    }

    @Test
    void repeatedFlagIsReported() {
        assertEquals(
                "option '--parallelism' (N) should be specified only once",
                failure("--parallelism", "2", "--parallelism", "3"));
    }

    @Test
    void settingsComeFromTheEnvironmentUnderTheFlags() {
        Map<String, String> env = Map.of("RECSYS_PARALLELISM", "6", "RECSYS_CHECKPOINT_DIR", "s3://bucket/ckpt");

        IngestJobOptions fromEnv = dev.recsys.cli.Cli.parse(new IngestCommand(), new String[0], env)
                .options();
        IngestJobOptions flagWins = dev.recsys.cli.Cli.parse(
                        new IngestCommand(), new String[] {"--parallelism", "3"}, env)
                .options();

        assertEquals(6, fromEnv.parallelism());
        assertEquals("s3://bucket/ckpt", fromEnv.checkpointDir(), "given by the operator: overrides the cluster's");
        assertEquals(3, flagWins.parallelism());
    }

    @Test
    void usageListsEveryFlag() {
        String usage = String.join(
                "\n", dev.recsys.cli.Cli.spec(new IngestCommand()).optionsMap().keySet());

        for (String flag : new String[] {
            "--bootstrap-servers",
            "--group-id",
            "--parallelism",
            "--checkpoint-interval-ms",
            "--half-life",
            "--unknown-item-wait-ms",
            "--starting-offsets",
            "--dedup-ttl",
            "--profile-ttl",
            "--item-stats-windows",
            "--state-backend",
            "--checkpoint-dir",
            "--restore-from"
        }) {
            assertTrue(usage.contains(flag), flag);
        }
    }
}
