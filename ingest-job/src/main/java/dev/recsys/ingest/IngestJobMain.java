package dev.recsys.ingest;

import dev.recsys.ingest.checkpoints.PruneOlderRunsOnFirstCheckpoint;
import dev.recsys.ingest.checkpoints.RetainedCheckpoint;
import dev.recsys.ingest.checkpoints.RetainedCheckpoints;
import dev.recsys.ingest.kafka.StartingOffsets;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the ingest job against Kafka: embedded ({@code java -cp ... dev.recsys.ingest.IngestJobMain})
 * or on an existing cluster ({@code flink run -c dev.recsys.ingest.IngestJobMain
 * ingest-job-*-flink.jar}). See {@link IngestJobOptions#usage()} for the flags.
 *
 * <p>A start resumes from the latest completed checkpoint in {@code --checkpoint-dir}, as Flink
 * itself does after a failure: a job killed outright and started again with the same flags carries
 * on with its state and offsets. Only with no checkpoint there (and no {@code --restore-from}) does
 * it build its state from {@code --starting-offsets}; {@code flink run -s} counts as {@code
 * --restore-from}. Once the new run has completed a checkpoint, the folders of earlier runs are
 * deleted.
 */
public final class IngestJobMain {
    private static final Logger LOG = LoggerFactory.getLogger(IngestJobMain.class);

    /** The run's first checkpoint is looked for every checkpoint interval, but not more than once a second. */
    private static final Duration MIN_PRUNE_INTERVAL = Duration.ofSeconds(1);

    private IngestJobMain() {}

    public static void main(String[] args) throws Exception {
        IngestJobOptions options = parseOrExit(args);
        Optional<String> fromFlinkRun = Environments.restorePathOfSubmission();
        if (options.restoreFrom() == null && fromFlinkRun.isPresent()) {
            // flink run -s: the job's own configuration would otherwise replace it.
            options = options.withRestoreFrom(fromFlinkRun.get());
        }
        options = resumePoint(options);
        StreamExecutionEnvironment env = Environments.forCurrentProcess(options);
        IngestJob.onKafka(options).build(env);
        env.registerJobListener(new PruneOlderRunsOnFirstCheckpoint(
                RetainedCheckpoints.in(options.checkpointDir()),
                max(options.checkpointInterval(), MIN_PRUNE_INTERVAL)));
        env.execute(IngestJob.NAME);
    }

    /**
     * The options with {@code --restore-from} set to the latest completed checkpoint in the
     * checkpoint folder, unless one was given.
     *
     * @throws IOException if the checkpoint folder exists but cannot be read: starting without its
     *     state would publish versions below those readers hold
     */
    static IngestJobOptions resumePoint(IngestJobOptions options) throws IOException {
        if (options.restoreFrom() != null) {
            LOG.info("restoring from {} (--restore-from or flink run -s)", options.restoreFrom());
            return options;
        }
        Optional<RetainedCheckpoint> latest =
                RetainedCheckpoints.in(options.checkpointDir()).latest();
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
                    options.checkpointDir());
        } else {
            LOG.info(
                    "no completed checkpoint in {}: building the state from the earliest offsets of interactions",
                    options.checkpointDir());
        }
        return options;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static IngestJobOptions parseOrExit(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(IngestJobOptions.usage());
            System.exit(0);
        }
        try {
            return IngestJobOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ingest job: " + e.getMessage());
            System.err.print(IngestJobOptions.usage());
            System.exit(2);
            throw e;
        }
    }
}
