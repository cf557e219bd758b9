package dev.recsys.infra;

import dev.recsys.infra.net.LocalPorts;
import dev.recsys.infra.process.ChildJvm;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The last step of a {@link KafkaBroker}'s start-up: wait until the broker JVM accepts connections and an
 * Admin client sees the node, then create the missing topics ({@link TopicSetup}), all before one deadline.
 * Each wait gives up at once with a {@link BrokerStartException} (and the tail of broker.log) when the JVM
 * has exited or the deadline has passed.
 */
final class BrokerReadiness {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final ChildJvm jvm;
    private final BrokerFiles files;
    private final int port;
    private final String bootstrapServers;
    private final long deadline;

    /** {@code deadline} is a {@link System#nanoTime()} value. */
    BrokerReadiness(ChildJvm jvm, BrokerFiles files, int port, String bootstrapServers, long deadline) {
        this.jvm = jvm;
        this.files = files;
        this.port = port;
        this.bootstrapServers = bootstrapServers;
        this.deadline = deadline;
    }

    /** Waits until the broker accepts connections and reports itself, then creates the topics. */
    void awaitAndCreateTopics(int partitions) throws InterruptedException {
        // A plain TCP probe first, so the Admin client does not log a warning per refused connection.
        while (!LocalPorts.isListening(port, 200)) {
            checkStillStarting();
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        try (Admin admin = Admin.create(adminSettings())) {
            awaitNode(admin);
            createTopics(admin, partitions);
        }
    }

    private void awaitNode(Admin admin) throws InterruptedException {
        while (true) {
            checkStillStarting();
            try {
                if (!admin.describeCluster()
                        .nodes()
                        .get(capped(), TimeUnit.MILLISECONDS)
                        .isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // not ready yet
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private void createTopics(Admin admin, int partitions) throws InterruptedException {
        while (true) {
            checkStillStarting();
            try {
                TopicSetup.createMissing(admin, partitions, Duration.ofMillis(capped()));
                return;
            } catch (ExecutionException e) {
                // A broker that is not unfenced yet reports "0 available brokers" for a moment.
                if (!(e.getCause() instanceof RetriableException
                        || e.getCause() instanceof InvalidReplicationFactorException)) {
                    throw new BrokerStartException("Creating the topics failed: " + e.getCause() + files.tailNote(), e);
                }
            } catch (TimeoutException e) {
                // retried until the deadline
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private void checkStillStarting() {
        OptionalInt exit = jvm.exitCode();
        if (exit.isPresent()) {
            throw new BrokerStartException("The Kafka broker JVM exited with code " + exit.getAsInt()
                    + " during start-up (data folder " + files.dataDir() + ")" + files.tailNote());
        }
        if (System.nanoTime() - deadline > 0) {
            throw new BrokerStartException("The Kafka broker on " + bootstrapServers
                    + " was not ready in time (data folder " + files.dataDir() + ")" + files.tailNote());
        }
    }

    private Map<String, Object> adminSettings() {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "recsys-broker-start",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 100,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    }

    /** Milliseconds left before the deadline, at most 5 s, so a hung call is retried. */
    private long capped() {
        return Math.min(5_000, KafkaBroker.remaining(deadline).toMillis());
    }
}
