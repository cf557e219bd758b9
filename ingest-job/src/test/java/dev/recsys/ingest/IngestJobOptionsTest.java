package dev.recsys.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ingest.IngestJobOptions.StateBackend;
import dev.recsys.ingest.IngestJobOptions.StatsWindow;
import dev.recsys.ingest.kafka.StartingOffsets;
import dev.recsys.ranker.json.VectorEncoding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        assertEquals(Duration.ofSeconds(60), options.checkpointInterval());
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
        assertEquals(StateBackend.HEAP, options.stateBackend());
        assertEquals(
                Path.of("data", "ingest", "checkpoints")
                        .toAbsolutePath()
                        .toUri()
                        .toString(),
                options.checkpointDir(),
                "relative to the working directory, not the temporary one");
        assertNull(options.restoreFrom());
    }

    @Test
    void everyFlagIsRead() {
        IngestJobOptions options = IngestJobOptions.parse(
                "--bootstrap-servers", "kafka-1:9092,kafka-2:9092",
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
                        "kafka-1:9092,kafka-2:9092",
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
        assertEquals("--parallelism must be an integer, got 'two'", failure("--parallelism", "two"));
        assertEquals("--parallelism must be at least 1, got 0", failure("--parallelism", "0"));
        assertEquals(
                "--half-life must be an ISO-8601 duration such as P1D or PT6H, got '1d'", failure("--half-life", "1d"));
        assertEquals("--half-life must be a positive duration, got PT0S", failure("--half-life", "PT0S"));
        assertEquals(
                "--unknown-item-wait-ms must be a whole number of milliseconds, got '1m'",
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
    void unknownFlagIsNamedWithTheKnownOnes() {
        String message = failure("--paralellism", "2");

        assertTrue(message.startsWith("unknown flag '--paralellism' (known: --bootstrap-servers,"), message);
    }

    @Test
    void flagWithoutValueIsReported() {
        assertEquals("--group-id needs a value", failure("--group-id"));
        assertEquals("--group-id needs a value", failure("--group-id", "--parallelism", "2"));
    }

    @Test
    void repeatedFlagIsReported() {
        assertEquals("--parallelism is given more than once", failure("--parallelism", "2", "--parallelism", "3"));
    }

    @Test
    void usageListsEveryFlag() {
        String usage = IngestJobOptions.usage();

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
