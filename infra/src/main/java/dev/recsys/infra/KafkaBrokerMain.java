package dev.recsys.infra;

import dev.recsys.cli.Cli;
import dev.recsys.cli.ConfigFileOption;
import dev.recsys.cli.UsageException;
import dev.recsys.ranker.records.Topics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code ./recsys kafka}: a local Kafka broker with the project's topics, for running the stream
 * job and the index service by hand. Its data folder is kept between runs; Ctrl-C stops it.
 */
@Command(
        name = "recsys kafka",
        description = "A local Kafka broker (KRaft, one node) on 127.0.0.1 with the project's topics; its data"
                + " folder is kept between runs, Ctrl-C stops it.")
public final class KafkaBrokerMain implements Callable<Integer> {
    /** The flags, as {@code --help} and docs/CONFIGURATION.md show them. */
    public static CommandSpec spec() {
        return Cli.spec(new KafkaBrokerMain(System.out, System.err));
    }

    @Mixin
    private ConfigFileOption config;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            defaultValue = "data/kafka",
            description = "the broker's data folder, kept between runs")
    private Path dataDir;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "9092",
            description = "client port on 127.0.0.1; 0 picks a free one")
    private int port;

    @Option(
            names = "--controller-port",
            paramLabel = "PORT",
            defaultValue = "9093",
            description = "KRaft controller port on 127.0.0.1; 0 picks a free one")
    private int controllerPort;

    private final PrintStream out;
    private final PrintStream err;

    private KafkaBrokerMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The checked command line. */
    record Options(Path dataDir, int port, int controllerPort) {
        Options {
            if (dataDir.toString().isBlank()) {
                throw new UsageException("--data must not be empty");
            }
            checkPort("--port", port);
            checkPort("--controller-port", controllerPort);
            if (port != 0 && port == controllerPort) {
                throw new UsageException("--controller-port must differ from --port (both are " + port + ")");
            }
        }

        private static void checkPort(String flag, int port) {
            if (port < 0 || port > 65_535) {
                throw new UsageException(flag + " must be between 0 and 65535, got " + port);
            }
        }

        /** Parses the flags alone (no variables, no file); a bad one is a {@link UsageException}. */
        static Options parse(String[] args) {
            return Cli.parse(new KafkaBrokerMain(System.out, System.err), args, Map.of())
                    .options();
        }
    }

    private Options options() {
        return new Options(dataDir, port, controllerPort);
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return run(args, Map.of(), out, err);
    }

    /**
     * Runs the broker until Ctrl-C.
     *
     * @return the exit code: 0 after a clean stop, 1 if the broker failed, 2 for a bad command line
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        return Cli.run(new KafkaBrokerMain(out, err), args, env, out, err);
    }

    @Override
    public Integer call() {
        Options options = options();
        KafkaBroker broker;
        try {
            broker = KafkaBroker.builder()
                    .dataDir(options.dataDir().toAbsolutePath())
                    .port(options.port())
                    .controllerPort(options.controllerPort())
                    .start();
        } catch (BrokerStartException e) {
            err.println("recsys kafka: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopping = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stopping.countDown();
                    out.println("Stopping Kafka ...");
                    broker.close();
                    out.println("Kafka stopped.");
                },
                "kafka-main-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        out.println("Kafka broker ready: bootstrap servers " + broker.bootstrapServers());
        out.println("  topics:  "
                + Topics.ALL.stream()
                        .map(t -> TopicSetup.isCompacted(t) ? t + " (compacted)" : t)
                        .collect(Collectors.joining(", ")));
        out.println("  data:    " + broker.dataDir());
        out.println("  log:     " + broker.logFile());
        out.println("Press Ctrl-C to stop.");

        try {
            while (!stopping.await(1, TimeUnit.SECONDS)) {
                if (!broker.isAlive()) {
                    err.println("recsys kafka: the broker exited unexpectedly. Last lines of " + broker.logFile()
                            + ":\n" + broker.tailOfLog(40));
                    Runtime.getRuntime().removeShutdownHook(hook);
                    broker.close();
                    return 1;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
