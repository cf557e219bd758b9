package dev.recsys.infra;

import dev.recsys.infra.cli.Flags;
import dev.recsys.infra.cli.UsageException;
import dev.recsys.ranker.records.Topics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code ./recsys kafka}: a local Kafka broker with the project's topics, for running the stream
 * job and the index service by hand. Its data folder is kept between runs; Ctrl-C stops it.
 */
public final class KafkaBrokerMain {

    static final String USAGE =
            """
            usage: recsys kafka [--data DIR] [--port PORT] [--controller-port PORT]
              --data DIR               data folder, kept between runs (default ./data/kafka)
              --port PORT              client port on 127.0.0.1 (default 9092; 0 = any free port)
              --controller-port PORT   KRaft controller port (default 9093; 0 = any free port)
            """;

    private static final Set<String> FLAGS = Set.of("--data", "--port", "--controller-port");

    private KafkaBrokerMain() {}

    /** The parsed command line. */
    record Options(Path dataDir, int port, int controllerPort, boolean help) {

        static Options parse(String[] args) throws UsageException {
            Flags flags = Flags.parse(args, FLAGS);
            Path data = flags.path("--data", "data/kafka");
            int port = flags.port("--port", 9092, 0);
            int controllerPort = flags.port("--controller-port", 9093, 0);
            if (port != 0 && port == controllerPort) {
                throw new UsageException("--controller-port must differ from --port (both are " + port + ")");
            }
            return new Options(data, port, controllerPort, flags.helpRequested());
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the broker until Ctrl-C.
     *
     * @return the exit code: 0 after a clean stop, 1 if the broker failed, 2 for a bad command line
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            err.println("recsys kafka: " + e.getMessage());
            err.print(USAGE);
            return UsageException.EXIT_CODE;
        }
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }

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
