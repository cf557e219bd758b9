package dev.recsys.tools.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.IndexService;
import dev.recsys.index.ServiceConfig;
import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.infra.net.LocalPorts;
import dev.recsys.ingest.Environments;
import dev.recsys.ingest.IngestJob;
import dev.recsys.ingest.IngestJobOptions;
import dev.recsys.ranker.records.CatalogItem;
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
 * index service on a free port with the catalog given and the job's metrics, both on the test's broker. Ready
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
     * How the system runs: the job's parallelism, the service's {@code --embedder} and tokens, and how long the
     * service may take to be ready (the Transformer embeds the catalog first).
     *
     * @param apiToken the service's {@code --api-token}, or {@code null} to leave the shopper-facing endpoints open
     */
    public record Settings(int parallelism, String embedder, String adminToken, String apiToken, Duration ready) {
        public static Settings of(int parallelism, String embedder, String adminToken, Duration ready) {
            return new Settings(parallelism, embedder, adminToken, null, ready);
        }

        public Settings withApiToken(String token) {
            return new Settings(parallelism, embedder, adminToken, token, ready);
        }
    }

    /** Writes {@code items} to {@code dir/catalog.jsonl}, the service's catalog, and starts the job and the service. */
    public static RunningPipeline start(String bootstrapServers, Path dir, List<CatalogItem> items, Settings settings)
            throws Exception {
        Path catalog = dir.resolve("catalog.jsonl");
        CatalogFile.write(catalog, items);
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
                Integer.toString(settings.parallelism()));
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
                settings.embedder(),
                "--http-port",
                "0",
                "--catalog",
                catalog.toString(),
                "--admin-token",
                settings.adminToken(),
                "--data",
                dir.resolve("service").toString()));
        if (settings.apiToken() != null) {
            serviceArgs.addAll(List.of("--api-token", settings.apiToken()));
        }
        IndexService service = new IndexService(ServiceConfig.parse(serviceArgs.toArray(String[]::new)));
        RunningPipeline pipeline = new RunningPipeline(job, service);
        try {
            service.start();
            assertTrue(service.awaitReady(settings.ready()), () -> "service not ready: " + service.missing());
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
