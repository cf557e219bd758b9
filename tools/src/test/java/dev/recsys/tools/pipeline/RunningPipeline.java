package dev.recsys.tools.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.IndexService;
import dev.recsys.index.ServiceConfig;
import dev.recsys.infra.net.LocalPorts;
import dev.recsys.ingest.Environments;
import dev.recsys.ingest.IngestJob;
import dev.recsys.ingest.IngestJobOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole system in the test's JVM, nothing faked: the stream job on a Flink MiniCluster (reading its
 * topics from the start, checkpointing every 2 s into {@code dir}, serving its metrics on a free port) and the
 * index service on a free port with {@code catalog} and the job's metrics, both on the test's broker. Ready
 * when started; {@link #close} stops the service, then the job.
 */
public final class RunningPipeline implements AutoCloseable {
    private final JobClient job;
    private final IndexService service;

    private RunningPipeline(JobClient job, IndexService service) {
        this.job = job;
        this.service = service;
    }

    /**
     * @param embedder the service's {@code --embedder}
     * @param ready how long the service may take to be ready (the Transformer embeds the catalog first)
     */
    public static RunningPipeline start(
            String bootstrapServers,
            Path dir,
            Path catalog,
            int parallelism,
            String embedder,
            String adminToken,
            Duration ready)
            throws Exception {
        return start(bootstrapServers, dir, catalog, parallelism, embedder, adminToken, null, ready);
    }

    /** As the other, the shopper-facing endpoints needing {@code apiToken} unless it is {@code null}. */
    public static RunningPipeline start(
            String bootstrapServers,
            Path dir,
            Path catalog,
            int parallelism,
            String embedder,
            String adminToken,
            String apiToken,
            Duration ready)
            throws Exception {
        IngestJobOptions options = IngestJobOptions.parse(
                "--bootstrap-servers",
                bootstrapServers,
                "--starting-offsets",
                "earliest",
                "--checkpoint-interval-ms",
                "2000",
                "--checkpoint-dir",
                dir.resolve("checkpoints").toString(),
                "--parallelism",
                Integer.toString(parallelism));
        int metricsPort = LocalPorts.pickFree(1)[0];
        StreamExecutionEnvironment env = Environments.embedded(options, Optional.of(Integer.toString(metricsPort)));
        IngestJob.onKafka(options).build(env);
        JobClient job = env.executeAsync(IngestJob.NAME);
        List<String> serviceArgs = new ArrayList<>(List.of(
                "--job-metrics",
                "http://127.0.0.1:" + metricsPort + "/metrics",
                "--bootstrap-servers",
                bootstrapServers,
                "--embedder",
                embedder,
                "--http-port",
                "0",
                "--catalog",
                catalog.toString(),
                "--admin-token",
                adminToken,
                "--data",
                dir.resolve("service").toString()));
        if (apiToken != null) {
            serviceArgs.addAll(List.of("--api-token", apiToken));
        }
        IndexService service = new IndexService(ServiceConfig.parse(serviceArgs.toArray(String[]::new)));
        RunningPipeline pipeline = new RunningPipeline(job, service);
        try {
            service.start();
            assertTrue(service.awaitReady(ready), () -> "service not ready: " + service.missing());
        } catch (Exception | AssertionError e) {
            pipeline.close(); // nothing outlives a start that failed
            throw e;
        }
        return pipeline;
    }

    public IndexService service() {
        return service;
    }

    /** {@code http://127.0.0.1:PORT} of the service. */
    public String base() {
        return "http://127.0.0.1:" + service.httpPort();
    }

    @Override
    public void close() throws Exception {
        service.close();
        job.cancel().get();
    }
}
