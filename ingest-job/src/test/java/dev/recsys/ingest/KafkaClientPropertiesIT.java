package dev.recsys.ingest;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka client properties given to the job reach its real Kafka clients. */
class KafkaClientPropertiesIT {

    @TempDir
    Path dir;

    @Test
    void aBadSecurityProtocolFromTheKafkaConfigFileFailsTheJobWithKafkasOwnError() throws Exception {
        Path clientConfig = Files.writeString(dir.resolve("client.properties"), "security.protocol=NOT_A_PROTOCOL\n");
        IngestJobOptions options = IngestJobOptions.parse(
                "--bootstrap-servers", "127.0.0.1:9",
                "--kafka-config", clientConfig.toString(),
                "--checkpoint-dir", dir.resolve("checkpoints").toString());
        // A cluster that does not restart failed jobs, so the failure is the job's result.
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = Environments.embedded(1, noRestarts);
        IngestJob.onKafka(options).build(env);

        JobClient job = env.executeAsync(IngestJob.NAME);
        ExecutionException failure = assertThrows(
                ExecutionException.class, () -> job.getJobExecutionResult().get(2, TimeUnit.MINUTES));

        String causes = causes(failure);
        assertTrue(causes.contains("org.apache.kafka.common.config.ConfigException"), causes);
        assertTrue(causes.contains("NOT_A_PROTOCOL for configuration security.protocol"), causes);
    }

    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
