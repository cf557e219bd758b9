package dev.recsys.ingest;

import dev.recsys.ingest.metrics.JobMetricsReporting;
import java.util.Optional;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the job runs: the Flink cluster it was submitted to, or an embedded MiniCluster. */
public final class Environments {
    private static final Logger LOG = LoggerFactory.getLogger(Environments.class);

    /** Managed memory is for RocksDB and batch operators; with heap state the job needs next to none. */
    static final MemorySize EMBEDDED_MANAGED_MEMORY = MemorySize.parse("32m");

    /**
     * With RocksDB, managed memory is its block cache and write buffers (off-heap, shared by the
     * slots). At 32 MiB every state access went to disk and the job ran at ~1,700 events/s.
     */
    static final MemorySize EMBEDDED_ROCKSDB_MANAGED_MEMORY = MemorySize.parse("512m");

    static final MemorySize EMBEDDED_NETWORK_MEMORY = MemorySize.parse("32m");

    /** Where every endpoint of the embedded MiniCluster listens: nothing outside this machine needs them. */
    static final String LOOPBACK = "127.0.0.1";

    private Environments() {}

    /**
     * The environment of {@code flink run} when there is one; otherwise an embedded MiniCluster
     * sized for a small machine.
     */
    public static StreamExecutionEnvironment forCurrentProcess(IngestJobOptions options) {
        return forCurrentProcess(options, Optional.empty());
    }

    /**
     * As {@link #forCurrentProcess(IngestJobOptions)}; the embedded MiniCluster serves the job's metrics to
     * Prometheus on 127.0.0.1, on the first free port of {@code metricsPorts} when one is given.
     */
    public static StreamExecutionEnvironment forCurrentProcess(
            IngestJobOptions options, Optional<String> metricsPorts) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (!(env instanceof LocalStreamEnvironment)) {
            return env;
        }
        Configuration effective = IngestJob.effective(options, new Configuration());
        LOG.info(
                "ingest job running on embedded MiniCluster (parallelism {}, {} state, checkpoints in {}{})",
                options.parallelism(),
                effective.get(StateBackendOptions.STATE_BACKEND),
                effective.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY),
                options.restoreFrom() == null ? "" : ", restoring from " + options.restoreFrom());
        return embedded(options, metricsPorts);
    }

    /**
     * The configuration of the cluster the job is submitted to ({@code flink run}: the Flink
     * distribution's configuration and {@code -D} options), or an empty one for the embedded run.
     */
    public static ReadableConfig submissionConfiguration() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        return env instanceof LocalStreamEnvironment ? new Configuration() : env.getConfiguration();
    }

    /**
     * The checkpoint or savepoint {@code flink run -s} was given, if the job runs inside {@code flink
     * run}; empty for the embedded run.
     */
    public static Optional<String> restorePathOfSubmission() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (env instanceof LocalStreamEnvironment) {
            return Optional.empty();
        }
        return env.getConfiguration().getOptional(StateRecoveryOptions.SAVEPOINT_PATH);
    }

    /**
     * An embedded MiniCluster with one slot per parallel instance and little memory, every endpoint
     * on loopback.
     */
    public static StreamExecutionEnvironment embedded(int parallelism) {
        return embedded(parallelism, new Configuration());
    }

    /**
     * An embedded MiniCluster for {@code options}: the job's configuration ({@link
     * IngestJob#configuration}: state backend, checkpoint storage, restore path; the job's defaults
     * where no flag gives them, as there is no cluster configuration) is given to the cluster too.
     */
    public static StreamExecutionEnvironment embedded(IngestJobOptions options) {
        return embedded(options, Optional.empty());
    }

    /**
     * As {@link #embedded(IngestJobOptions)}, serving the job's metrics to Prometheus on 127.0.0.1, on the
     * first free port of {@code metricsPorts} (a port or a range) when one is given.
     */
    public static StreamExecutionEnvironment embedded(IngestJobOptions options, Optional<String> metricsPorts) {
        Configuration none = new Configuration();
        MemorySize managed = IngestJob.stateBackend(options, none) == IngestJobOptions.StateBackend.ROCKSDB
                ? EMBEDDED_ROCKSDB_MANAGED_MEMORY
                : EMBEDDED_MANAGED_MEMORY;
        Configuration config = IngestJob.configuration(options, none);
        metricsPorts.ifPresent(ports -> JobMetricsReporting.addReporter(config, ports));
        return embedded(options.parallelism(), config, managed);
    }

    /**
     * An embedded MiniCluster whose configuration starts from {@code base}, as a cluster's would: what
     * the job finds there it leaves alone ({@link IngestJob#configuration}).
     */
    static StreamExecutionEnvironment embedded(int parallelism, Configuration base) {
        return embedded(parallelism, base, EMBEDDED_MANAGED_MEMORY);
    }

    private static StreamExecutionEnvironment embedded(int parallelism, Configuration base, MemorySize managed) {
        Configuration config = new Configuration(base);
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, managed);
        config.set(TaskManagerOptions.NETWORK_MEMORY_MIN, EMBEDDED_NETWORK_MEMORY);
        config.set(TaskManagerOptions.NETWORK_MEMORY_MAX, EMBEDDED_NETWORK_MEMORY);
        onLoopback(config);
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
    }

    /**
     * Binds what the MiniCluster opens to loopback. Flink's defaults listen on every interface: the
     * REST endpoint (job control, cancellation included) and the blob server (job artefacts),
     * neither with authentication. RPC between the MiniCluster's components stays inside the JVM,
     * and with one task manager there is no network shuffle; the host options cover them should that
     * change.
     */
    private static void onLoopback(Configuration config) {
        config.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        config.set(RestOptions.ADDRESS, LOOPBACK);
        config.set(JobManagerOptions.BIND_HOST, LOOPBACK); // the blob server binds here
        config.set(JobManagerOptions.ADDRESS, LOOPBACK);
        config.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        config.set(TaskManagerOptions.HOST, LOOPBACK);
        // The task manager's blob cache would reach the blob server at the host's name, which need
        // not resolve to loopback. Nothing is fetched from it as long as deployment descriptors are
        // not offloaded to it (an embedded job has no jars to ship), and inside one JVM they need
        // not be: the RPC messages that carry them never leave it.
        config.set(BlobServerOptions.OFFLOAD_MINSIZE, Integer.MAX_VALUE);
    }
}
