package dev.recsys.infra;

import dev.recsys.infra.process.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of one broker in its data folder: the server configuration and the logging
 * configuration (both rewritten at every start, since the ports may change), the Kafka log
 * directory, and the broker's own log.
 *
 * <pre>
 * data/
 *   server.properties   broker and controller settings
 *   log4j2.xml          WARN and above to stdout, which goes to broker.log
 *   broker.log          everything the broker and the storage tool printed
 *   kraft/              topic partitions and the KRaft metadata log (meta.properties once formatted)
 * </pre>
 */
final class BrokerFiles {

    /** The broker's node id; a single node is both the only broker and the only controller. */
    static final int NODE_ID = 1;

    /** Lines of broker.log that a start-up error message ends with. */
    static final int LOG_TAIL_LINES = 40;

    private final Path dataDir;

    BrokerFiles(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
    }

    Path dataDir() {
        return dataDir;
    }

    Path serverProperties() {
        return dataDir.resolve("server.properties");
    }

    Path loggingConfig() {
        return dataDir.resolve("log4j2.xml");
    }

    Path logFile() {
        return dataDir.resolve("broker.log");
    }

    Path kafkaLogDir() {
        return dataDir.resolve("kraft");
    }

    /** The end of a start-up error message: the last {@value #LOG_TAIL_LINES} lines of broker.log. */
    String tailNote() {
        return ". Last lines of " + logFile() + ":\n" + ChildJvm.tailOf(logFile(), LOG_TAIL_LINES);
    }

    /** Whether the storage has been formatted already (it must then not be formatted again). */
    boolean isFormatted() {
        return Files.exists(kafkaLogDir().resolve("meta.properties"));
    }

    /** Writes server.properties and log4j2.xml for a broker on these ports. */
    void write(int port, int controllerPort, int partitions) throws IOException {
        Files.createDirectories(kafkaLogDir());
        StringBuilder text = new StringBuilder("# Written by ")
                .append(KafkaBroker.class.getName())
                .append(" at every start; changes here are overwritten.\n");
        settings(port, controllerPort, partitions)
                .forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(serverProperties(), text, StandardCharsets.UTF_8);
        Files.writeString(loggingConfig(), LOG4J2_XML, StandardCharsets.UTF_8);
    }

    /** The broker settings, in the order they are written. */
    Map<String, String> settings(int port, int controllerPort, int partitions) {
        Map<String, String> s = new LinkedHashMap<>();
        // KRaft combined mode: one JVM is broker and controller; a static one-voter quorum, so the
        // ports can change between restarts of the same data folder.
        s.put("process.roles", "broker,controller");
        s.put("node.id", Integer.toString(NODE_ID));
        s.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        s.put("controller.listener.names", "CONTROLLER");
        s.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        s.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        s.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        s.put("inter.broker.listener.name", "PLAINTEXT");
        s.put("log.dirs", kafkaLogDir().toString().replace('\\', '/'));
        // One node: every internal topic has one replica; few partitions keep start-up quick.
        s.put("num.partitions", Integer.toString(partitions));
        s.put("default.replication.factor", "1");
        s.put("min.insync.replicas", "1");
        s.put("offsets.topic.replication.factor", "1");
        s.put("offsets.topic.num.partitions", "4");
        s.put("transaction.state.log.replication.factor", "1");
        s.put("transaction.state.log.min.isr", "1");
        s.put("transaction.state.log.num.partitions", "4");
        s.put("share.coordinator.state.topic.replication.factor", "1");
        s.put("share.coordinator.state.topic.min.isr", "1");
        // Topics are created on purpose (TopicSetup), never by a typo in a producer.
        s.put("auto.create.topics.enable", "false");
        // Consumers of a fresh group start at once instead of waiting 3 s for more members.
        s.put("group.initial.rebalance.delay.ms", "0");
        // Sized for a laptop: small segments, a small cleaner buffer (the default is 128 MiB of a
        // 512 MiB heap), few threads.
        s.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
        s.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        s.put("log.cleaner.threads", "1");
        s.put("num.network.threads", "2");
        s.put("num.io.threads", "4");
        s.put("num.recovery.threads.per.data.dir", "1");
        return s;
    }

    private static final String LOG4J2_XML =
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- Written by dev.recsys.infra.KafkaBroker at every start. stdout goes to broker.log. -->
            <Configuration status="WARN">
              <Appenders>
                <Console name="stdout" target="SYSTEM_OUT">
                  <PatternLayout pattern="[%d{ISO8601}] %-5p %m (%c)%n"/>
                </Console>
              </Appenders>
              <Loggers>
                <!-- "Kafka Server started" and "shut down completed": start and stop are visible. -->
                <Logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                <Root level="WARN">
                  <AppenderRef ref="stdout"/>
                </Root>
              </Loggers>
            </Configuration>
            """;
}
