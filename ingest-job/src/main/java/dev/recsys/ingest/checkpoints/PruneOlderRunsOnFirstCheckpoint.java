package dev.recsys.ingest.checkpoints;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once the job is submitted, looks every {@code interval} for its first completed checkpoint and
 * then has {@link OlderRunsPruner} delete the folders of earlier runs. It runs in the process that
 * submitted the job (the embedded run, or the {@code flink run} client while it waits for the job),
 * on a daemon thread, so it never keeps that process alive.
 */
public final class PruneOlderRunsOnFirstCheckpoint implements JobListener {
    private static final Logger LOG = LoggerFactory.getLogger(PruneOlderRunsOnFirstCheckpoint.class);

    private final OlderRunsPruner pruner;
    private final Duration interval;
    private ScheduledExecutorService timer;

    /**
     * @param checkpoints the job's checkpoint folder
     * @param interval how often to look (the checkpoint interval is a fair choice)
     */
    public PruneOlderRunsOnFirstCheckpoint(RetainedCheckpoints checkpoints, Duration interval) {
        this.pruner = new OlderRunsPruner(checkpoints);
        this.interval = interval;
    }

    @Override
    public synchronized void onJobSubmitted(JobClient jobClient, Throwable failure) {
        if (jobClient == null || timer != null) {
            return;
        }
        String jobId = jobClient.getJobID().toHexString();
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "prune-older-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(
                () -> pruneOnce(jobId), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void onJobExecuted(JobExecutionResult result, Throwable failure) {
        stop();
    }

    private void pruneOnce(String jobId) {
        try {
            if (pruner.pruneOnceCheckpointed(jobId).isPresent()) {
                stop();
            }
        } catch (Exception e) {
            // Left for the next look, or the next run; the job itself is unaffected.
            LOG.warn("could not delete the checkpoints of earlier runs: {}", e.toString());
        }
    }

    private synchronized void stop() {
        if (timer != null) {
            timer.shutdown();
        }
    }
}
