package dev.recsys.infra.demo;

import dev.recsys.cli.CommandLineOnly;
import dev.recsys.cli.ConfigFileOption;
import dev.recsys.cli.Converters;
import dev.recsys.cli.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The demo's flags; {@link #options()} checks them into {@link DemoOptions}. */
@Command(
        name = "recsys demo",
        description = "Kafka, the stream job and the index service on this machine, with a sample catalog and"
                + " simulated shoppers; a part that dies is started again, Ctrl-C stops everything. Data is kept"
                + " in --data for the next run.")
final class DemoCommand implements Callable<Integer> {

    /** What runs once the flags are checked. */
    @FunctionalInterface
    interface Demo {
        int run(DemoOptions options) throws InterruptedException;
    }

    /** The form of an embedder's name; the service checks the model itself and names the ones it has. */
    private static final Pattern EMBEDDER = Pattern.compile("hashed|transformer(:[a-z0-9][a-z0-9-]*)?");

    @Mixin
    private ConfigFileOption config;

    @CommandLineOnly
    @Option(
            names = "--ingest-classpath",
            paramLabel = "CP",
            description = "classpath of the stream job (dev.recsys.ingest.IngestJobMain); ./recsys gives it")
    private String ingestClasspath;

    @CommandLineOnly
    @Option(
            names = "--service-classpath",
            paramLabel = "CP",
            description = "classpath of the index service (dev.recsys.index.ServiceMain); ./recsys gives it")
    private String serviceClasspath;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            defaultValue = "data/demo",
            description = "Kafka data, catalog generations, stream-job checkpoints and logs, kept between runs")
    private Path dataDir;

    @CommandLineOnly
    @Option(
            names = "--fresh",
            description = "delete what earlier runs left in --data first: every shopper, the catalog generations and"
                    + " the checkpoints")
    private boolean fresh;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "HTTP port of the index service, on 127.0.0.1")
    private int httpPort;

    @Option(
            names = "--kafka-port",
            paramLabel = "PORT",
            defaultValue = "9092",
            description = "Kafka client port, on 127.0.0.1")
    private int kafkaPort;

    @Option(
            names = "--catalog",
            paramLabel = "FILE.jsonl",
            description = "the catalog to serve and simulate shoppers on, read at the first start (default: 6,000"
                    + " generated products)")
    private Path catalog;

    @Option(
            names = "--simulated-shoppers",
            paramLabel = "N",
            description = "shoppers the simulator plays (default: the service's, 50)")
    private Integer simulatedShoppers;

    @Option(
            names = "--simulator-rate",
            paramLabel = "N",
            converter = Converters.FiniteNumber.class,
            description = "events per second the simulator sends (default: the service's, 20)")
    private Double simulatorRate;

    @Option(
            names = "--embedder",
            paramLabel = "NAME",
            description = "the embedder of the catalog's generations: hashed or transformer[:MODEL] (default: the"
                    + " service's, transformer); a generation kept from an earlier run keeps the one it was built with")
    private String embedder;

    /**
     * The demo's state is a few hundred shoppers at most, so a checkpoint costs next to nothing, and a
     * short interval means a restarted job replays at most this much of the event stream.
     */
    @Option(
            names = "--checkpoint-interval-ms",
            paramLabel = "MS",
            defaultValue = "10000",
            converter = Converters.Millis.class,
            description = "time between the stream job's checkpoints")
    private Duration checkpointInterval;

    @CommandLineOnly
    @Option(
            names = "--jvm-opts",
            paramLabel = "\"OPTIONS\"",
            description = "extra JVM options for the stream job, separated by spaces")
    private String jvmOptions;

    private final Demo demo;

    DemoCommand(Demo demo) {
        this.demo = demo;
    }

    @Override
    public Integer call() throws InterruptedException {
        return demo.run(options());
    }

    /** The flags, checked; a bad one is a {@link UsageException} naming it. */
    DemoOptions options() {
        require(ingestClasspath, "--ingest-classpath");
        require(serviceClasspath, "--service-classpath");
        if (dataDir.toString().isBlank()) {
            throw new UsageException("--data must not be empty");
        }
        checkPort("--http-port", httpPort);
        checkPort("--kafka-port", kafkaPort);
        if (httpPort == kafkaPort) {
            throw new UsageException("--http-port must differ from --kafka-port (both are " + httpPort + ")");
        }
        if (simulatedShoppers != null && simulatedShoppers < 1) {
            throw new UsageException("--simulated-shoppers must be a positive whole number, got " + simulatedShoppers);
        }
        if (simulatorRate != null && !(simulatorRate > 0)) {
            throw new UsageException("--simulator-rate must be a positive number, got " + simulatorRate);
        }
        if (embedder != null && !EMBEDDER.matcher(embedder).matches()) {
            throw new UsageException("--embedder must be hashed or transformer[:MODEL], got '" + embedder + "'");
        }
        if (checkpointInterval.toMillis() < 1) {
            throw new UsageException(
                    "--checkpoint-interval-ms must be a positive whole number, got " + checkpointInterval.toMillis());
        }
        List<String> jvm = jvmOptions == null
                ? List.of()
                : Arrays.stream(jvmOptions.strip().split("\\s+"))
                        .filter(s -> !s.isEmpty())
                        .toList();
        return new DemoOptions(
                ingestClasspath,
                serviceClasspath,
                dataDir.toAbsolutePath(),
                fresh,
                httpPort,
                kafkaPort,
                jvm,
                Optional.ofNullable(catalog).map(Path::toAbsolutePath),
                simulatedShoppers == null ? OptionalInt.empty() : OptionalInt.of(simulatedShoppers),
                simulatorRate == null ? OptionalDouble.empty() : OptionalDouble.of(simulatorRate),
                checkpointInterval,
                Optional.ofNullable(embedder));
    }

    private static void require(String value, String flag) {
        if (value == null) {
            throw new UsageException(flag + " is required");
        }
        if (value.isBlank()) {
            throw new UsageException(flag + " must not be empty");
        }
    }

    private static void checkPort(String flag, int port) {
        if (port < 1 || port > 65_535) {
            throw new UsageException(flag + " must be between 1 and 65535, got " + port);
        }
    }
}
