package dev.recsys.tools.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.IndexService;
import dev.recsys.index.ServiceConfig;
import dev.recsys.ingest.Environments;
import dev.recsys.ingest.IngestJob;
import dev.recsys.ingest.IngestJobOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole system in the test's JVM, nothing faked: the stream job on a Flink MiniCluster (reading its
 * topics from the start, checkpointing every 2 s into {@code dir}) and the index service on a free port with
 * {@code catalog}, both on the test's broker. Ready when started; {@link #close} stops the service, then the
 * job.
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
        StreamExecutionEnvironment env = Environments.embedded(options.parallelism());
        IngestJob.onKafka(options).build(env);
        JobClient job = env.executeAsync(IngestJob.NAME);
        IndexService service = new IndexService(ServiceConfig.parse(
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
