package dev.recsys.infra.demo;

import dev.recsys.infra.net.LocalPorts;
import dev.recsys.infra.process.ChildJvm;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * The three JVMs of the demo (Kafka broker, stream job, index service): starting them in the order
 * of the data flow, starting one again after it died, and stopping them in the reverse order, each one
 * gracefully first and forcibly after a grace period, so that no JVM outlives the demo and every port
 * is freed.
 *
 * <p>Every part keeps its state in the demo's data folder ({@link DemoData}), so a part started again,
 * or the whole demo started again, carries on where it was: the broker on its data folder, the job
 * from its checkpoints there (else from the start of the topics), the service on its catalog
 * generations there.
 *
 * <p>{@link #stop()} may be called from a shutdown hook while {@link #start()} or {@link
 * #restart(DemoPart)} is running; it then waits for the step in progress and stops what was started.
 */
final class DemoStack {

    static final String INGEST_MAIN = "dev.recsys.ingest.IngestJobMain";
    static final String SERVICE_MAIN = "dev.recsys.index.ServiceMain";

    static final Duration SERVICE_GRACE = Duration.ofSeconds(15);
    static final Duration JOB_GRACE = Duration.ofSeconds(30);

    private final List<DemoPart> parts;
    private final PrintStream out;
    private final SequencedSet<DemoPart> started = new LinkedHashSet<>();
    private volatile boolean stopping;

    /** @param parts in the order they start; they stop in the reverse order */
    DemoStack(List<DemoPart> parts, PrintStream out) {
        this.parts = List.copyOf(parts);
        this.out = out;
    }

    /**
     * The demo's broker, job and service as {@code options} describe them.
     *
     * @param ingestMain main class of the job JVM ({@link #INGEST_MAIN}; tests pass a stand-in)
     * @param serviceMain main class of the service JVM ({@link #SERVICE_MAIN}; tests pass a stand-in)
     */
    static DemoStack of(DemoOptions options, PrintStream out, String ingestMain, String serviceMain) {
        int jobMetricsPort = LocalPorts.pickFree(1)[0];
        DemoPart broker = new BrokerPart(options.kafkaDir(), options.kafkaPort());
        DemoPart job = new ChildPart(
                "ingest-job",
                ChildJvm.builder("ingest-job", ingestMain)
                        .classpath(options.ingestClasspath())
                        .jvmOptions(options.ingestJvmOptions())
                        .args(jobArgs(options, jobMetricsPort)),
                options.logFile("ingest-job"),
                JOB_GRACE);
        DemoPart service = new ChildPart(
                "index-service",
                ChildJvm.builder("index-service", serviceMain)
                        .classpath(options.serviceClasspath())
                        // Lucene's SIMD vector scoring (HNSW) needs the incubating Vector API; ZGC keeps
                        // collector pauses under a millisecond (G1's took 50-70 ms, over the feed's p99 goal).
                        .jvmOptions(List.of("-XX:+UseZGC", "--add-modules=jdk.incubator.vector"))
                        .args(serviceArgs(options, jobMetricsPort)),
                options.logFile("index-service"),
                SERVICE_GRACE);
        return new DemoStack(List.of(broker, job, service), out);
    }

    /**
     * The job's command line: checkpoints in the data folder, and without one the topic from its
     * start, so that a restart rebuilds every shopper's profile at the versions it had; its metrics on
     * {@code metricsPort}, where the service reads them for the console.
     */
    static List<String> jobArgs(DemoOptions options, int metricsPort) {
        return List.of(
                "--metrics-ports",
                Integer.toString(metricsPort),
                "--bootstrap-servers",
                options.bootstrapServers(),
                "--checkpoint-dir",
                options.checkpointDir().toString(),
                "--checkpoint-interval-ms",
                Long.toString(options.checkpointInterval().toMillis()),
                "--starting-offsets",
                "earliest");
    }

    /**
     * The service's command line: loopback only, since the demo's admin token is no secret; the job's metrics
     * on {@code jobMetricsPort}.
     */
    static List<String> serviceArgs(DemoOptions options, int jobMetricsPort) {
        List<String> args = new ArrayList<>(List.of(
                "--job-metrics",
                "http://127.0.0.1:" + jobMetricsPort + "/metrics",
                "--bootstrap-servers",
                options.bootstrapServers(),
                "--http-port",
                Integer.toString(options.httpPort()),
                "--bind-address",
                "127.0.0.1",
                "--data",
                options.serviceDir().toString(),
                "--admin-token",
                DemoGuide.ADMIN_TOKEN,
                "--demo"));
        options.catalog().ifPresent(file -> args.addAll(List.of("--catalog", file.toString())));
        options.simulatedShoppers().ifPresent(n -> args.addAll(List.of("--simulated-shoppers", Integer.toString(n))));
        options.simulatorRate().ifPresent(r -> args.addAll(List.of("--simulator-rate", Double.toString(r))));
        options.embedder().ifPresent(name -> args.addAll(List.of("--embedder", name)));
        return List.copyOf(args);
    }

    /** Starts the parts in order (without waiting for the job and the service to be ready). */
    void start() throws DemoFailure {
        for (DemoPart part : parts) {
            startPart(part);
        }
    }

    private synchronized void startPart(DemoPart part) throws DemoFailure {
        checkNotStopping();
        out.println("Starting " + part.description() + " ...");
        part.start();
        started.add(part);
    }

    /** The parts, in the order they start. */
    List<DemoPart> parts() {
        return parts;
    }

    boolean isStopping() {
        return stopping;
    }

    /** The first started part that is no longer running, if any; empty once {@link #stop()} has begun. */
    synchronized Optional<DemoPart> firstDead() {
        if (stopping) {
            return Optional.empty();
        }
        return started.stream().filter(part -> !part.isAlive()).findFirst();
    }

    /**
     * Starts a part that died again, with the same settings, after cleaning up what is left of it.
     *
     * @throws DemoFailure if it cannot be started, or the demo is stopping
     */
    synchronized void restart(DemoPart part) throws DemoFailure {
        checkNotStopping();
        part.stop();
        part.start();
    }

    /** Stops the service, then the job, then the broker. Safe to call more than once. */
    void stop() {
        stopping = true;
        synchronized (this) {
            for (DemoPart part : started.reversed()) {
                if (part.isAlive()) {
                    out.println("Stopping " + part.name() + " ...");
                }
                part.stop();
            }
            started.clear();
        }
    }

    private void checkNotStopping() throws DemoFailure {
        if (stopping) {
            throw new DemoFailure("Stopped during start-up");
        }
    }
}
