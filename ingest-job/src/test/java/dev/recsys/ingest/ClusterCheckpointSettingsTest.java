package dev.recsys.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * {@code flink run} against a cluster: the job keeps the checkpoint and state settings the cluster's
 * configuration has, unless a flag says otherwise; embedded, where there is no such configuration, it
 * uses its own defaults.
 */
class ClusterCheckpointSettingsTest {

    /** A cluster's config.yaml, with the deprecated key for the folder as many still write it. */
    private static Configuration cluster() {
        Configuration cluster = new Configuration();
        cluster.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMinutes(5));
        cluster.setString("state.checkpoints.dir", "s3://cluster/checkpoints");
        cluster.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        cluster.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 5);
        cluster.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION);
        cluster.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        return cluster;
    }

    @Test
    void withoutFlagsTheClustersSettingsWinOverTheJobsDefaults() {
        IngestJobOptions options = IngestJobOptions.parse();

        Configuration job = IngestJob.configuration(options, cluster());
        Configuration effective = IngestJob.effective(options, cluster());

        assertFalse(job.contains(CheckpointingOptions.CHECKPOINTING_INTERVAL));
        assertFalse(job.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
        assertFalse(job.contains(StateBackendOptions.STATE_BACKEND));
        assertFalse(job.contains(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS));
        assertFalse(job.contains(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION));
        assertFalse(job.contains(RestartStrategyOptions.RESTART_STRATEGY));
        assertEquals(Duration.ofMinutes(5), effective.get(CheckpointingOptions.CHECKPOINTING_INTERVAL));
        assertEquals("s3://cluster/checkpoints", effective.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
        assertEquals("rocksdb", effective.get(StateBackendOptions.STATE_BACKEND));
        assertEquals(5, effective.get(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS));
        assertEquals(
                ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION,
                effective.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION));
        assertEquals("fixed-delay", effective.get(RestartStrategyOptions.RESTART_STRATEGY));
        assertEquals(
                IngestJobOptions.StateBackend.ROCKSDB,
                IngestJob.stateBackend(options, cluster()),
                "de-duplication takes the layout for the cluster's backend");
    }

    @Test
    void flagsWinOverTheCluster() {
        IngestJobOptions options = IngestJobOptions.parse(
                "--checkpoint-interval-ms", "20000",
                "--checkpoint-dir", "s3://flags/checkpoints",
                "--state-backend", "heap");

        Configuration effective = IngestJob.effective(options, cluster());

        assertEquals(Duration.ofSeconds(20), effective.get(CheckpointingOptions.CHECKPOINTING_INTERVAL));
        assertEquals("s3://flags/checkpoints", effective.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
        assertEquals("filesystem", effective.get(CheckpointingOptions.CHECKPOINT_STORAGE));
        assertEquals("hashmap", effective.get(StateBackendOptions.STATE_BACKEND));
        assertEquals(5, effective.get(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS), "no flag: the cluster's");
        assertEquals(IngestJobOptions.StateBackend.HEAP, IngestJob.stateBackend(options, cluster()));
    }

    @Test
    void withoutAClusterConfigurationTheJobsDefaultsApply() {
        Configuration effective = IngestJob.effective(IngestJobOptions.parse(), new Configuration());

        assertEquals(Duration.ofSeconds(60), effective.get(CheckpointingOptions.CHECKPOINTING_INTERVAL));
        assertEquals(
                Path.of("data/ingest/checkpoints").toAbsolutePath().toUri().toString(),
                effective.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY),
                "relative to the working directory");
        assertEquals("filesystem", effective.get(CheckpointingOptions.CHECKPOINT_STORAGE));
        assertEquals("hashmap", effective.get(StateBackendOptions.STATE_BACKEND));
        assertEquals(IngestJob.RETAINED_CHECKPOINTS, effective.get(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS));
        assertEquals(
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION,
                effective.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION));
        assertEquals("exponential-delay", effective.get(RestartStrategyOptions.RESTART_STRATEGY));
    }

    @Test
    void aPipelineBuiltOnAnEnvironmentConfiguredLikeAClusterRunsWithTheClustersInterval() {
        StreamExecutionEnvironment clusterLike = Environments.embedded(2, cluster());
        StreamExecutionEnvironment flagged = Environments.embedded(2, cluster());
        StreamExecutionEnvironment embedded = Environments.embedded(IngestJobOptions.parse());

        IngestJob.onKafka(IngestJobOptions.parse()).build(clusterLike);
        IngestJob.onKafka(IngestJobOptions.parse("--checkpoint-interval-ms", "20000"))
                .build(flagged);
        IngestJob.onKafka(IngestJobOptions.parse()).build(embedded);

        assertEquals(300_000, clusterLike.getCheckpointConfig().getCheckpointInterval());
        assertEquals(
                "s3://cluster/checkpoints",
                clusterLike.getConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
        assertEquals(20_000, flagged.getCheckpointConfig().getCheckpointInterval());
        assertEquals(60_000, embedded.getCheckpointConfig().getCheckpointInterval());
    }
}
