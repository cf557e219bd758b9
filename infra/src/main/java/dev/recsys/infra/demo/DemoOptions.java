package dev.recsys.infra.demo;

import dev.recsys.infra.cli.Flags;
import dev.recsys.infra.cli.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The demo's command line.
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
 * @param help whether only the usage text was asked for
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
        boolean help) {

    /**
     * The demo's state is a few hundred shoppers at most, so a checkpoint costs next to nothing, and a
     * short interval means a restarted job replays at most this much of the event stream.
     */
    static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    static final String USAGE =
            """
            usage: recsys demo --ingest-classpath CP --service-classpath CP [--data DIR] [--fresh]
                               [--http-port PORT] [--kafka-port PORT] [--jvm-opts "OPTIONS"]
                               [--catalog FILE.jsonl] [--simulated-shoppers N] [--simulator-rate N]
                               [--checkpoint-interval-ms MS]
              --ingest-classpath CP       classpath of the stream job (dev.recsys.ingest.IngestJobMain)
              --service-classpath CP      classpath of the index service (dev.recsys.index.ServiceMain)
              --data DIR                  Kafka data, catalog, stream-job checkpoints and logs, kept between
                                          runs (default ./data/demo)
              --fresh                     delete what earlier runs left in DIR first: every shopper, the
                                          catalog generations and the checkpoints
              --http-port PORT            HTTP port of the index service, on 127.0.0.1 (default 8080)
              --kafka-port PORT           Kafka client port, on 127.0.0.1 (default 9092)
              --catalog FILE.jsonl        the catalog to serve and simulate shoppers on, read at the first start
                                          (default: 6,000 generated products)
              --simulated-shoppers N      shoppers the simulator plays (default: the service's, 50)
              --simulator-rate N          events per second the simulator sends (default: the service's, 20)
              --checkpoint-interval-ms MS time between the stream job's checkpoints (default 10000)
              --jvm-opts "OPTIONS"        extra JVM options for the stream job, separated by spaces
            """;

    private static final Set<String> FLAGS = Set.of(
            "--ingest-classpath",
            "--service-classpath",
            "--data",
            "--http-port",
            "--kafka-port",
            "--jvm-opts",
            "--catalog",
            "--simulated-shoppers",
            "--simulator-rate",
            "--checkpoint-interval-ms");

    private static final Set<String> SWITCHES = Set.of("--fresh");

    static DemoOptions parse(String[] args) throws UsageException {
        Flags flags = Flags.parse(args, FLAGS, SWITCHES);
        if (flags.helpRequested()) {
            return new DemoOptions(
                    "",
                    "",
                    Path.of("data/demo"),
                    false,
                    8080,
                    9092,
                    List.of(),
                    Optional.empty(),
                    OptionalInt.empty(),
                    OptionalDouble.empty(),
                    DEFAULT_CHECKPOINT_INTERVAL,
                    true);
        }
        String ingest = flags.required("--ingest-classpath");
        String service = flags.required("--service-classpath");
        Path data = flags.path("--data", "data/demo");
        int httpPort = flags.port("--http-port", 8080, 1);
        int kafkaPort = flags.port("--kafka-port", 9092, 1);
        if (httpPort == kafkaPort) {
            throw new UsageException("--http-port must differ from --kafka-port (both are " + httpPort + ")");
        }
        List<String> jvmOptions = Arrays.stream(
                        flags.string("--jvm-opts", "").strip().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
        Optional<Path> catalog = flags.string("--catalog").isPresent()
                ? Optional.of(flags.path("--catalog", "").toAbsolutePath())
                : Optional.empty();
        OptionalInt shoppers = positiveInt(flags.string("--simulated-shoppers"), "--simulated-shoppers");
        OptionalDouble rate = positiveNumber(flags.string("--simulator-rate"), "--simulator-rate");
        OptionalInt interval = positiveInt(flags.string("--checkpoint-interval-ms"), "--checkpoint-interval-ms");
        return new DemoOptions(
                ingest,
                service,
                data.toAbsolutePath(),
                flags.isSet("--fresh"),
                httpPort,
                kafkaPort,
                jvmOptions,
                catalog,
                shoppers,
                rate,
                interval.isPresent() ? Duration.ofMillis(interval.getAsInt()) : DEFAULT_CHECKPOINT_INTERVAL,
                false);
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

    private static OptionalInt positiveInt(Optional<String> value, String flag) throws UsageException {
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int parsed = Integer.parseInt(value.get().strip());
            if (parsed > 0) {
                return OptionalInt.of(parsed);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " must be a positive whole number, got '" + value.get() + "'");
    }

    private static OptionalDouble positiveNumber(Optional<String> value, String flag) throws UsageException {
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double parsed = Double.parseDouble(value.get().strip());
            if (parsed > 0 && Double.isFinite(parsed)) {
                return OptionalDouble.of(parsed);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " must be a positive number, got '" + value.get() + "'");
    }
}
