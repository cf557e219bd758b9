package dev.recsys.ingest;

import dev.recsys.cli.Cli;
import dev.recsys.ingest.checkpoints.PruneOlderRunsOnFirstCheckpoint;
import dev.recsys.ingest.checkpoints.RetainedCheckpoint;
import dev.recsys.ingest.checkpoints.RetainedCheckpoints;
import dev.recsys.ingest.kafka.StartingOffsets;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the ingest job against Kafka: embedded ({@code java -cp ... dev.recsys.ingest.IngestJobMain})
 * or on an existing cluster ({@code flink run -c dev.recsys.ingest.IngestJobMain
 * ingest-job-*-flink.jar}). See {@link IngestCommand} for the flags.
 *
 * <p>A start resumes from the latest completed checkpoint in the checkpoint folder (the flag's, else
 * the cluster's, else {@code ./data/ingest/checkpoints}), as Flink itself does after a failure: a job
 * killed outright and started again with the same flags carries on with its state and offsets. Only
 * with no checkpoint there (and no {@code --restore-from}) does it build its state from {@code
 * --starting-offsets}; {@code flink run -s} counts as {@code --restore-from}. Once the new run has
 * completed a checkpoint, the folders of earlier runs are deleted.
 */
public final class IngestJobMain {
    private static final Logger LOG = LoggerFactory.getLogger(IngestJobMain.class);

    /** The run's first checkpoint is looked for every checkpoint interval, but not more than once a second. */
    private static final Duration MIN_PRUNE_INTERVAL = Duration.ofSeconds(1);

    private IngestJobMain() {}

    public static void main(String[] args) throws Exception {
        int code = Cli.run(new IngestCommand(), args, System.getenv(), System.out, System.err);
        if (code != 0) {
            // Only on failure: inside a Flink application cluster this JVM is the JobManager's.
            System.exit(code);
        }
    }

    /** Runs the job with checked options until it ends (or the process is stopped), without a metrics reporter. */
    static void run(IngestJobOptions options) throws Exception {
        run(options, Optional.empty());
    }

    /**
     * Runs the job with checked options until it ends (or the process is stopped); embedded, it serves its
     * metrics to Prometheus on the first free port of {@code metricsPorts} when one is given.
     */
    static void run(IngestJobOptions options, Optional<String> metricsPorts) throws Exception {
        ReadableConfig cluster = Environments.submissionConfiguration();
        Optional<String> fromFlinkRun = Environments.restorePathOfSubmission();
        if (options.restoreFrom() == null && fromFlinkRun.isPresent()) {
            // flink run -s: the job's own configuration would otherwise replace it.
            options = options.withRestoreFrom(fromFlinkRun.get());
        }
        Configuration effective = IngestJob.effective(options, cluster);
        String checkpointDir = effective.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY);
        options = resumePoint(options, checkpointDir);
        if (!options.kafka().properties().isEmpty()) {
            LOG.info(
                    "Kafka client properties passed to every source and sink: {}",
                    options.kafka().keys());
        }
        StreamExecutionEnvironment env = Environments.forCurrentProcess(options, metricsPorts);
        IngestJob.onKafka(options).build(env);
        if (checkpointDir != null) {
            env.registerJobListener(new PruneOlderRunsOnFirstCheckpoint(
                    RetainedCheckpoints.in(checkpointDir),
                    max(effective.get(CheckpointingOptions.CHECKPOINTING_INTERVAL), MIN_PRUNE_INTERVAL)));
        }
        env.execute(IngestJob.NAME);
    }

    /** {@link #resumePoint(IngestJobOptions, String)} in the checkpoint folder of the embedded run. */
    static IngestJobOptions resumePoint(IngestJobOptions options) throws IOException {
        return resumePoint(
                options,
                IngestJob.effective(options, new Configuration()).get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
    }

    /**
     * The options with {@code --restore-from} set to the latest completed checkpoint in {@code
     * checkpointDir}, unless one was given.
     *
     * @param checkpointDir the folder the job checkpoints into, or {@code null} when the cluster keeps
     *     checkpoints where the job cannot look (Flink's own recovery still applies)
     * @throws IOException if the checkpoint folder exists but cannot be read: starting without its
     *     state would publish versions below those readers hold
     */
    static IngestJobOptions resumePoint(IngestJobOptions options, String checkpointDir) throws IOException {
        if (options.restoreFrom() != null) {
            LOG.info("restoring from {} (--restore-from or flink run -s)", options.restoreFrom());
            return options;
        }
        if (checkpointDir == null) {
            LOG.warn("the cluster's configuration names no checkpoint folder: not looking for a checkpoint to resume"
                    + " from (give --checkpoint-dir or execution.checkpointing.dir)");
            return options;
        }
        Optional<RetainedCheckpoint> latest =
                RetainedCheckpoints.in(checkpointDir).latest();
        if (latest.isPresent()) {
            RetainedCheckpoint checkpoint = latest.get();
            LOG.info(
                    "resuming from the latest completed checkpoint {} (checkpoint {} of run {})",
                    checkpoint.location(),
                    checkpoint.checkpointId(),
                    checkpoint.jobId());
            return options.withRestoreFrom(checkpoint.location());
        }
        if (options.startingOffsets() == StartingOffsets.LATEST) {
            LOG.warn(
                    "no completed checkpoint in {}: starting with empty state from the latest offsets; shoppers seen"
                            + " before start again at version 1, and readers that hold a higher version ignore them",
                    checkpointDir);
        } else {
            LOG.info(
                    "no completed checkpoint in {}: building the state from the earliest offsets of interactions",
                    checkpointDir);
        }
        return options;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
