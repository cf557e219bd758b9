package dev.recsys.infra;

import dev.recsys.infra.net.LocalPorts;
import dev.recsys.infra.process.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.KafkaException;

/**
 * A real single-node Apache Kafka broker (KRaft combined mode: broker and controller in one
 * process) running in a child JVM, with the project's topics created.
 *
 * <p>Why a real broker in a child JVM: integration tests and the demo then talk to exactly the
 * Kafka that production runs (transactions, compaction, consumer groups included), and the broker's
 * classpath (Scala, its own Jackson and log4j) never mixes with that of the stream job, the index
 * service or a test. The classpath comes from the infra jar's {@code broker.classpath} resource, so
 * the caller needs only kafka-clients, and no network once the build has downloaded the jars.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.builder().start()) {   // free ports, temporary data folder
 *     props.put("bootstrap.servers", kafka.bootstrapServers());
 *     ...
 * }
 * }</pre>
 *
 * <p>Start-up: write {@code server.properties} and {@code log4j2.xml} into the data folder, format
 * the storage ({@link StorageFormat}; only the first time: an existing {@code meta.properties} means the
 * data is kept), start {@code kafka.Kafka}, wait until an Admin client sees the node, then create the
 * missing topics ({@link BrokerReadiness}, {@link TopicSetup}). {@link #close()} stops the JVM
 * (gracefully, then forcibly) and deletes a temporary data folder; a JVM shutdown hook does the same if
 * the caller never gets to close it.
 */
public final class KafkaBroker implements AutoCloseable {

    /** How long start-up may take by default; the first start on a slow machine takes ~5 s. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

    /** How long a graceful shutdown may take before the broker JVM is killed. */
    public static final Duration STOP_GRACE_PERIOD = Duration.ofSeconds(20);

    /** The broker JVM's options: a modest heap and the serial collector suit a one-node dev broker. */
    static final List<String> JVM_OPTIONS = jvmOptions(Runtime.version().feature());

    private static final System.Logger LOG = System.getLogger(KafkaBroker.class.getName());

    private final BrokerFiles files;
    private final boolean temporaryDataDir;
    private final int port;
    private final int controllerPort;
    private final ChildJvm jvm;
    private final Thread shutdownHook;
    private boolean closed;

    private KafkaBroker(
            BrokerFiles files,
            boolean temporaryDataDir,
            int port,
            int controllerPort,
            ChildJvm jvm,
            boolean stopOnJvmExit) {
        this.files = files;
        this.temporaryDataDir = temporaryDataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.jvm = jvm;
        this.shutdownHook = stopOnJvmExit ? new Thread(this::close, "kafka-broker-shutdown") : null;
    }

    /** Options for a broker; {@link Builder#start()} starts it. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:<port>}, for the {@code bootstrap.servers} client setting. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The PLAINTEXT port clients connect to. */
    public int port() {
        return port;
    }

    /** The KRaft controller port (internal to the broker). */
    public int controllerPort() {
        return controllerPort;
    }

    /** The data folder: configuration, broker.log and the topic data. */
    public Path dataDir() {
        return files.dataDir();
    }

    /** The broker's log file: its output at WARN and above, plus start and stop lines. */
    public Path logFile() {
        return files.logFile();
    }

    /** The process id of the broker JVM. */
    public long pid() {
        return jvm.pid();
    }

    /** Whether the broker JVM is running. */
    public boolean isAlive() {
        return jvm.isAlive();
    }

    /** The last lines of broker.log, for error messages. */
    public String tailOfLog(int lines) {
        return jvm.tailOfLog(lines);
    }

    /**
     * Stops the broker JVM (SIGTERM, then a forcible kill after {@link #STOP_GRACE_PERIOD}) and
     * deletes the data folder if it was a temporary one. Idempotent; a second caller waits until
     * the first has finished.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        jvm.stop(STOP_GRACE_PERIOD);
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the JVM is already shutting down (or the hook was never added): nothing to undo
            }
        }
        if (temporaryDataDir) {
            deleteRecursively(files.dataDir());
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", data " + files.dataDir() + "]";
    }

    private static KafkaBroker start(Builder options) {
        long deadline = System.nanoTime() + options.startTimeout.toNanos();
        boolean temporary = options.dataDir == null;
        Path dataDir;
        try {
            dataDir = temporary ? Files.createTempDirectory("recsys-kafka-") : options.dataDir;
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new BrokerStartException("Cannot create the Kafka data folder " + options.dataDir, e);
        }
        BrokerFiles files = new BrokerFiles(dataDir);
        KafkaBroker broker = null;
        boolean ready = false;
        try {
            int[] ports = resolvePorts(options.port, options.controllerPort);
            files.write(ports[0], ports[1], options.partitions);
            String classpath = String.join(
                    File.pathSeparator,
                    BrokerClasspath.load().stream().map(Path::toString).toList());
            List<String> jvmOptions = Stream.concat(
                            JVM_OPTIONS.stream(),
                            Stream.of("-Dlog4j2.configurationFile="
                                    + files.loggingConfig().toUri()))
                    .toList();
            if (!files.isFormatted()) {
                StorageFormat.run(files, classpath, jvmOptions, deadline);
            }
            ChildJvm jvm = ChildJvm.builder("kafka-broker", "kafka.Kafka")
                    .classpath(classpath)
                    .jvmOptions(jvmOptions)
                    .args(files.serverProperties().toString())
                    .logFile(files.logFile())
                    .build();
            broker = new KafkaBroker(files, temporary, ports[0], ports[1], jvm, options.stopOnJvmExit);
            if (broker.shutdownHook != null) {
                Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
            }
            jvm.start();
            new BrokerReadiness(jvm, files, broker.port, broker.bootstrapServers(), deadline)
                    .awaitAndCreateTopics(options.partitions);
            LOG.log(System.Logger.Level.DEBUG, "Kafka broker ready: {0}", broker);
            ready = true;
            return broker;
        } catch (IOException e) {
            throw new BrokerStartException("Cannot prepare the Kafka data folder " + dataDir + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("Interrupted while starting Kafka", e);
        } catch (KafkaException e) {
            throw new BrokerStartException("Kafka broker failed to start: " + e + files.tailNote(), e);
        } finally {
            if (!ready) {
                if (broker != null) {
                    broker.close();
                } else if (temporary) {
                    deleteRecursively(dataDir);
                }
            }
        }
    }

    /**
     * Options for a broker JVM of the given Java feature version. Newer JDKs warn on stderr about
     * what Kafka 4.2 still uses (sun.misc.Unsafe, JNI for compression); allowing it keeps those
     * warnings out of broker.log.
     */
    static List<String> jvmOptions(int javaFeatureVersion) {
        List<String> options = new ArrayList<>(List.of(
                "-Xms64m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                // log4j must not stop before Kafka has logged its own shutdown
                "-Dlog4j2.shutdownHookEnabled=false"));
        if (javaFeatureVersion >= 22) {
            options.add("--enable-native-access=ALL-UNNAMED");
        }
        if (javaFeatureVersion >= 23) {
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return List.copyOf(options);
    }

    private static int[] resolvePorts(int port, int controllerPort) {
        // A taken port would only show up as a fatal error deep in start-up, and the broker takes
        // many seconds to exit after it; say so at once instead.
        checkFree(port, "port");
        checkFree(controllerPort, "controllerPort");
        if (port != 0 && controllerPort != 0) {
            return new int[] {port, controllerPort};
        }
        int[] free = LocalPorts.pickFree(3);
        int p = port != 0 ? port : (free[0] != controllerPort ? free[0] : free[2]);
        int c = controllerPort != 0 ? controllerPort : (free[1] != port ? free[1] : free[2]);
        return new int[] {p, c};
    }

    private static void checkFree(int port, String name) {
        if (port != 0 && !LocalPorts.isFree(port)) {
            throw new BrokerStartException("Cannot start Kafka: " + name + " " + port
                    + " is already in use on 127.0.0.1 (is another broker running?)");
        }
    }

    /** The time left of a start-up that must end by {@code deadline} (a {@link System#nanoTime()}), at least 1 ms. */
    static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not delete the Kafka data folder " + dir, e);
        }
    }

    /**
     * Options for a broker. Defaults: a fresh temporary data folder (deleted on close), free ports,
     * {@link TopicSetup#DEFAULT_PARTITIONS} partitions, {@link #DEFAULT_START_TIMEOUT}, and a shutdown
     * hook that stops the broker when this JVM exits.
     */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private int controllerPort;
        private int partitions = TopicSetup.DEFAULT_PARTITIONS;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private boolean stopOnJvmExit = true;

        private Builder() {}

        /**
         * A data folder that outlives the broker: created if missing, formatted the first time,
         * reused as it is (topics and records kept) on later starts, never deleted.
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** The client (PLAINTEXT) port; 0, the default, picks a free one. */
        public Builder port(int port) {
            this.port = checkPort(port, "port");
            return this;
        }

        /** The KRaft controller port; 0, the default, picks a free one. */
        public Builder controllerPort(int port) {
            this.controllerPort = checkPort(port, "controllerPort");
            return this;
        }

        /** Partitions of each project topic (and of auto-sized topics); default 2. */
        public Builder partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be positive, got " + partitions);
            }
            this.partitions = partitions;
            return this;
        }

        /** How long start-up (format, JVM start, readiness, topics) may take in all. */
        public Builder startTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, got " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Whether a JVM shutdown hook stops the broker (default true). Turn it off only when the
         * caller stops the broker from its own hook and needs to choose the order.
         */
        public Builder stopOnJvmExit(boolean enabled) {
            this.stopOnJvmExit = enabled;
            return this;
        }

        /**
         * Starts the broker and returns once it is ready and the topics exist.
         *
         * @throws BrokerStartException with the tail of broker.log if it does not come up
         */
        public KafkaBroker start() {
            if (port != 0 && port == controllerPort) {
                throw new IllegalArgumentException("port and controllerPort must differ, both are " + port);
            }
            return KafkaBroker.start(this);
        }

        private static int checkPort(int port, String name) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(name + " must be between 0 and 65535, got " + port);
            }
            return port;
        }
    }
}
