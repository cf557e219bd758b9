package dev.recsys.infra.demo;

import dev.recsys.cli.Cli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The demo's command line, checked ({@link DemoCommand} holds the flags).
 *
 * @param ingestClasspath classpath of the Flink job JVM
 * @param serviceClasspath classpath of the index service JVM
 * @param dataDir where everything the demo keeps goes: the broker's data ({@code kafka/}), the
 *     service's catalog generations ({@code service/}), the job's checkpoints ({@code
 *     ingest/checkpoints/}) and the logs ({@code logs/})
 * @param fresh whether the data of earlier runs is deleted before starting
 * @param httpPort the index service's HTTP port
 * @param kafkaPort the broker's client port
 * @param ingestJvmOptions extra options for the job JVM (Flink needs its {@code --add-opens} list)
 * @param catalog the catalog file the service indexes at its first start and simulates shoppers on;
 *     empty for the service's generated sample
 * @param simulatedShoppers shoppers the service's simulator plays; empty for the service's default
 * @param simulatorRate events per second the simulator sends; empty for the service's default
 * @param checkpointInterval time between the stream job's checkpoints
 * @param embedder the service's {@code --embedder}; empty for the service's default
 */
record DemoOptions(
        String ingestClasspath,
        String serviceClasspath,
        Path dataDir,
        boolean fresh,
        int httpPort,
        int kafkaPort,
        List<String> ingestJvmOptions,
        Optional<Path> catalog,
        OptionalInt simulatedShoppers,
        OptionalDouble simulatorRate,
        Duration checkpointInterval,
        Optional<String> embedder) {

    /**
     * Parses the flags alone (no variables, no file).
     *
     * @throws dev.recsys.cli.UsageException naming the flag that is missing or bad
     */
    static DemoOptions parse(String[] args) {
        return Cli.parse(new DemoCommand(options -> 0), args, Map.of()).options();
    }

    /** The broker's address: it listens on loopback only. */
    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    /** The index service's {@code --data}: its catalog generations ({@code index/}). */
    Path serviceDir() {
        return dataDir.resolve("service");
    }

    /** The stream job's {@code --checkpoint-dir}. */
    Path checkpointDir() {
        return dataDir.resolve("ingest").resolve("checkpoints");
    }

    Path logsDir() {
        return dataDir.resolve("logs");
    }

    /** The log of the job ({@code ingest-job}) or the service ({@code index-service}). */
    Path logFile(String name) {
        return logsDir().resolve(name + ".log");
    }
}
