package dev.recsys.infra.demo;

import dev.recsys.infra.BrokerStartException;
import dev.recsys.infra.KafkaBroker;
import dev.recsys.infra.process.ChildJvm;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The three JVMs of the demo (Kafka broker, stream job, index service): starting them in the order
 * of the data flow and stopping them in the reverse order, each one gracefully first and forcibly
 * after a grace period, so that no JVM outlives the demo and every port is freed.
 *
 * <p>{@link #stop()} may be called from a shutdown hook while {@link #start()} is still running;
 * it then waits for the step in progress and stops what was started.
 */
final class DemoStack {

    static final String INGEST_MAIN = "dev.recsys.ingest.IngestJobMain";
    static final String SERVICE_MAIN = "dev.recsys.index.ServiceMain";

    static final Duration SERVICE_GRACE = Duration.ofSeconds(15);
    static final Duration JOB_GRACE = Duration.ofSeconds(30);

    private static final int LOG_TAIL_LINES = 40;

    /** What a broker data folder may hold; anything else means --data points somewhere unexpected. */
    private static final Set<String> BROKER_FILES = Set.of("server.properties", "log4j2.xml", "broker.log", "kraft");

    private final DemoOptions options;
    private final PrintStream out;
    private final String ingestMain;
    private final String serviceMain;

    private KafkaBroker broker;
    private ChildJvm job;
    private ChildJvm service;
    private volatile boolean stopping;

    /**
     * @param ingestMain main class of the job JVM ({@link #INGEST_MAIN}; tests pass a stand-in)
     * @param serviceMain main class of the service JVM ({@link #SERVICE_MAIN}; tests pass a stand-in)
     */
    DemoStack(DemoOptions options, PrintStream out, String ingestMain, String serviceMain) {
        this.options = options;
        this.out = out;
        this.ingestMain = ingestMain;
        this.serviceMain = serviceMain;
    }

    /** Starts a fresh broker, then the job and the service JVMs (without waiting for them to be ready). */
    void start() throws DemoFailure {
        try {
            Files.createDirectories(options.logsDir());
            wipeBrokerData(options.kafkaDir());
        } catch (IOException e) {
            throw new DemoFailure("Cannot prepare " + options.dataDir() + ": " + e.getMessage(), e);
        }
        startBroker();
        String bootstrap = broker.bootstrapServers();
        startChild(
                ChildJvm.builder("ingest-job", ingestMain)
                        .classpath(options.ingestClasspath())
                        .jvmOptions(options.ingestJvmOptions())
                        .args("--bootstrap-servers", bootstrap)
                        .logFile(logFile("ingest-job"))
                        .build(),
                true);
        startChild(
                ChildJvm.builder("index-service", serviceMain)
                        .classpath(options.serviceClasspath())
                        // Lucene's SIMD vector scoring (HNSW) needs the incubating Vector API.
                        .jvmOptions(List.of("--add-modules=jdk.incubator.vector"))
                        .args(
                                "--bootstrap-servers",
                                bootstrap,
                                "--http-port",
                                Integer.toString(options.httpPort()),
                                "--data",
                                options.dataDir().resolve("service").toString(),
                                "--admin-token",
                                DemoGuide.ADMIN_TOKEN,
                                "--demo")
                        .logFile(logFile("index-service"))
                        .build(),
                false);
    }

    private synchronized void startBroker() throws DemoFailure {
        checkNotStopping();
        out.println("Starting Kafka on 127.0.0.1:" + options.kafkaPort() + " ...");
        try {
            broker = KafkaBroker.builder()
                    .dataDir(options.kafkaDir())
                    .port(options.kafkaPort())
                    .stopOnJvmExit(false) // stopped last by stop(), after the service and the job
                    .start();
        } catch (BrokerStartException e) {
            throw new DemoFailure(e.getMessage(), e);
        }
    }

    private synchronized void startChild(ChildJvm child, boolean isJob) throws DemoFailure {
        checkNotStopping();
        out.println("Starting " + child.name() + " (log " + child.logFile() + ") ...");
        try {
            Files.deleteIfExists(child.logFile()); // each demo run gets fresh logs
            child.start();
        } catch (IOException e) {
            throw new DemoFailure("Cannot start " + child.name() + ": " + e.getMessage(), e);
        }
        if (isJob) {
            job = child;
        } else {
            service = child;
        }
    }

    /** The broker's bootstrap servers. */
    synchronized String bootstrapServers() {
        return broker.bootstrapServers();
    }

    synchronized Path brokerLog() {
        return broker.logFile();
    }

    Path logFile(String name) {
        return options.logsDir().resolve(name + ".log");
    }

    boolean isStopping() {
        return stopping;
    }

    /**
     * A description (with the tail of its log) of the first part that is no longer running, if any.
     * Empty while all are running, or once {@link #stop()} has begun.
     */
    synchronized Optional<String> firstExited() {
        if (stopping) {
            return Optional.empty();
        }
        if (broker != null && !broker.isAlive()) {
            return Optional.of("Kafka exited unexpectedly. Last lines of " + broker.logFile() + ":\n"
                    + broker.tailOfLog(LOG_TAIL_LINES));
        }
        for (ChildJvm child : Stream.of(job, service).filter(c -> c != null).toList()) {
            if (!child.isAlive()) {
                return Optional.of(child.name() + " exited with code "
                        + child.exitCode().orElse(-1) + ". Last lines of " + child.logFile() + ":\n"
                        + child.tailOfLog(LOG_TAIL_LINES));
            }
        }
        return Optional.empty();
    }

    /** Stops the service, then the job, then the broker. Safe to call more than once. */
    void stop() {
        stopping = true;
        synchronized (this) {
            stopChild(service, SERVICE_GRACE);
            stopChild(job, JOB_GRACE);
            if (broker != null && broker.isAlive()) {
                out.println("Stopping Kafka ...");
            }
            if (broker != null) {
                broker.close();
            }
            service = null;
            job = null;
            broker = null;
        }
    }

    private void stopChild(ChildJvm child, Duration grace) {
        if (child != null && child.isAlive()) {
            out.println("Stopping " + child.name() + " ...");
        }
        if (child != null) {
            child.stop(grace);
        }
    }

    private void checkNotStopping() throws DemoFailure {
        if (stopping) {
            throw new DemoFailure("Stopped during start-up");
        }
    }

    /** Deletes the broker folder of an earlier demo, refusing if it holds anything else. */
    static void wipeBrokerData(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> foreign = entries.map(p -> p.getFileName().toString())
                    .filter(name -> !BROKER_FILES.contains(name))
                    .toList();
            if (!foreign.isEmpty()) {
                throw new IOException(dir + " does not look like a demo broker folder (it holds " + foreign
                        + "); choose another --data folder");
            }
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
