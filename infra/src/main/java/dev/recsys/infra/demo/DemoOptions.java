package dev.recsys.infra.demo;

import dev.recsys.infra.cli.Flags;
import dev.recsys.infra.cli.UsageException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The demo's command line.
 *
 * @param ingestClasspath classpath of the Flink job JVM
 * @param serviceClasspath classpath of the index service JVM
 * @param dataDir where the broker's data ({@code kafka/}) and the logs ({@code logs/}) go
 * @param httpPort the index service's HTTP port
 * @param kafkaPort the broker's client port
 * @param ingestJvmOptions extra options for the job JVM (Flink needs its {@code --add-opens} list)
 * @param help whether only the usage text was asked for
 */
record DemoOptions(
        String ingestClasspath,
        String serviceClasspath,
        Path dataDir,
        int httpPort,
        int kafkaPort,
        List<String> ingestJvmOptions,
        boolean help) {

    static final String USAGE =
            """
            usage: recsys demo --ingest-classpath CP --service-classpath CP [--data DIR]
                               [--http-port PORT] [--kafka-port PORT] [--jvm-opts "OPTIONS"]
              --ingest-classpath CP    classpath of the stream job (dev.recsys.ingest.IngestJobMain)
              --service-classpath CP   classpath of the index service (dev.recsys.index.ServiceMain)
              --data DIR               broker data and logs; the broker data is wiped at each start (default ./data/demo)
              --http-port PORT         HTTP port of the index service (default 8080)
              --kafka-port PORT        Kafka client port (default 9092)
              --jvm-opts "OPTIONS"     extra JVM options for the stream job, separated by spaces
            """;

    private static final Set<String> FLAGS =
            Set.of("--ingest-classpath", "--service-classpath", "--data", "--http-port", "--kafka-port", "--jvm-opts");

    static DemoOptions parse(String[] args) throws UsageException {
        Flags flags = Flags.parse(args, FLAGS);
        if (flags.helpRequested()) {
            return new DemoOptions("", "", Path.of("data/demo"), 8080, 9092, List.of(), true);
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
        return new DemoOptions(ingest, service, data.toAbsolutePath(), httpPort, kafkaPort, jvmOptions, false);
    }

    Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    Path logsDir() {
        return dataDir.resolve("logs");
    }
}
