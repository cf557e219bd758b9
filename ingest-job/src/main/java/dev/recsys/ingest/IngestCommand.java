package dev.recsys.ingest;

import dev.recsys.cli.CommandLineOnly;
import dev.recsys.cli.ConfigFileOption;
import dev.recsys.cli.Converters;
import dev.recsys.cli.UsageException;
import dev.recsys.cli.kafka.KafkaOptions;
import dev.recsys.ingest.metrics.JobMetricsReporting;
import dev.recsys.ingest.metrics.LoopbackPrometheusReporterFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The stream job's flags ({@code ./recsys ingest}, {@code flink run ... IngestJobMain}); {@link
 * #options()} checks them into {@link IngestJobOptions}. The defaults are those of {@link
 * IngestJobOptions} ({@code IngestJobOptionsTest} keeps the two in step).
 */
@Command(
        name = "recsys ingest",
        description = "The Flink job that keeps every shopper's vectors up to date: embedded (a MiniCluster in this"
                + " JVM) or inside flink run. A start resumes from the latest completed checkpoint.")
public final class IngestCommand implements Callable<Integer> {

    @Mixin
    private ConfigFileOption config;

    @Mixin
    private KafkaOptions kafka;

    @Option(
            names = "--group-id",
            paramLabel = "ID",
            defaultValue = IngestJobOptions.DEFAULT_GROUP_ID,
            description = "consumer group of the interactions source, whose offsets are committed on checkpoints"
                    + " for monitoring lag")
    private String groupId;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "" + IngestJobOptions.DEFAULT_PARALLELISM,
            description = "parallelism of every operator")
    private int parallelism;

    @Option(
            names = "--checkpoint-interval-ms",
            paramLabel = "MS",
            converter = Converters.Millis.class,
            description = "time between checkpoints (default: the Flink cluster's execution.checkpointing.interval,"
                    + " else 60000)")
    private Duration checkpointInterval;

    @Option(
            names = "--half-life",
            paramLabel = "DURATION",
            defaultValue = "P1D",
            converter = Converters.IsoDuration.class,
            description = "ISO-8601 duration after which an interaction counts half as much")
    private Duration halfLife;

    @Option(
            names = "--unknown-item-wait-ms",
            paramLabel = "MS",
            defaultValue = "60000",
            converter = Converters.Millis.class,
            description = "how long an interaction waits for its item's vectors before it is dead-lettered")
    private Duration unknownItemWait;

    @Option(
            names = "--starting-offsets",
            paramLabel = "earliest|latest",
            defaultValue = "earliest",
            description = "where interactions is read from when there is no checkpoint to resume from: earliest"
                    + " rebuilds every shopper from the topic, latest starts with empty state")
    private String startingOffsets;

    @Option(
            names = "--out-of-orderness-ms",
            paramLabel = "MS",
            defaultValue = "5000",
            converter = Converters.Millis.class,
            description = "event-time lateness the watermark allows")
    private Duration outOfOrderness;

    @Option(
            names = "--idleness-ms",
            paramLabel = "MS",
            defaultValue = "30000",
            converter = Converters.Millis.class,
            description = "quiet time after which a source split stops holding back the watermark")
    private Duration idleness;

    @Option(
            names = "--buffer-timeout-ms",
            paramLabel = "MS",
            defaultValue = "5",
            converter = Converters.Millis.class,
            description = "longest wait of a record in a network buffer, trading latency for throughput")
    private Duration bufferTimeout;

    @Option(
            names = "--dedup-ttl",
            paramLabel = "DURATION",
            defaultValue = "PT24H",
            converter = Converters.IsoDuration.class,
            description = "ISO-8601 duration an eventId is remembered to drop replays")
    private Duration dedupTtl;

    @Option(
            names = "--profile-ttl",
            paramLabel = "DURATION",
            defaultValue = "P90D",
            converter = Converters.IsoDuration.class,
            description = "ISO-8601 duration after which an inactive shopper's profile expires")
    private Duration profileTtl;

    @Option(
            names = "--item-stats-windows",
            paramLabel = "SIZE/SLIDE[,...]",
            defaultValue = "PT1H/PT5M,P1D/PT1H",
            description = "sliding event-time windows of item-stats as ISO-8601 durations, or none")
    private String itemStatsWindows;

    @Option(
            names = "--state-backend",
            paramLabel = "heap|rocksdb",
            description = "where keyed state lives (default: the Flink cluster's state.backend.type, else heap)")
    private String stateBackend;

    @Option(
            names = "--vector-encoding",
            paramLabel = "base64|array",
            defaultValue = "base64",
            description = "vectors in user-vectors as base64 float32 (exact, cheapest) or JSON arrays of numbers;"
                    + " readers accept both")
    private String vectorEncoding;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR|URI",
            description = "folder or URI of checkpoints; a start resumes from the latest completed one in it"
                    + " (default: the Flink cluster's execution.checkpointing.dir, else ./"
                    + IngestJobOptions.DEFAULT_CHECKPOINT_DIR + ")")
    private String checkpointDir;

    @Option(
            names = JobMetricsReporting.FLAG,
            paramLabel = "PORT|FROM-TO|none",
            defaultValue = LoopbackPrometheusReporterFactory.DEFAULT_PORTS,
            description = "where the embedded run serves the job's metrics to Prometheus, on 127.0.0.1: a port,"
                    + " a range (the first free one), or none; on a Flink cluster its own reporters apply")
    private String metricsPorts;

    @CommandLineOnly
    @Option(
            names = "--restore-from",
            paramLabel = "PATH",
            description = "a retained checkpoint (chk-N folder) or savepoint to start from instead of the latest one"
                    + " in the checkpoint folder")
    private String restoreFrom;

    /** The flags, checked; a bad one is a {@link UsageException} naming it. */
    public IngestJobOptions options() {
        try {
            return new IngestJobOptions(
                    kafka.settings(),
                    groupId,
                    parallelism,
                    checkpointInterval,
                    halfLife,
                    unknownItemWait,
                    IngestJobOptions.offsetsFlag(startingOffsets.strip()),
                    outOfOrderness,
                    idleness,
                    bufferTimeout,
                    dedupTtl,
                    profileTtl,
                    IngestJobOptions.windowsFlag(itemStatsWindows),
                    stateBackend == null ? null : IngestJobOptions.StateBackend.fromFlag(stateBackend.strip()),
                    IngestJobOptions.encodingFlag(vectorEncoding.strip()),
                    checkpointDir,
                    restoreFrom);
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** The ports of the embedded run's metrics reporter, or empty for none. */
    Optional<String> metricsPorts() {
        try {
            return JobMetricsReporting.ports(metricsPorts);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        IngestJobMain.run(options(), metricsPorts());
        return 0;
    }
}
