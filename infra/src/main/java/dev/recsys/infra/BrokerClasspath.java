package dev.recsys.infra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The classpath of the broker JVM: the jars of kafka_2.13 and its runtime dependencies in the
 * local Maven repository.
 *
 * <p>The build writes it to the resource {@code dev/recsys/infra/broker.classpath} (see the infra
 * pom), so a broker can be started from the infra jar alone, offline, by code whose own classpath
 * holds nothing but kafka-clients, and the broker's Scala and Jackson never land on the classpath
 * of the code that starts it.
 */
final class BrokerClasspath {

    static final String RESOURCE = "broker.classpath";

    private BrokerClasspath() {}

    /** The entries of the broker classpath, each checked to exist. */
    static List<Path> load() {
        String text;
        try (InputStream in = BrokerClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new BrokerStartException("The resource dev/recsys/infra/" + RESOURCE
                        + " is missing from the infra jar; build it with ./mvnw -pl infra -am install");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new BrokerStartException("Cannot read dev/recsys/infra/" + RESOURCE, e);
        }
        List<Path> entries = Arrays.stream(text.split(File.pathSeparator))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(Path::of)
                .toList();
        if (entries.isEmpty()) {
            throw new BrokerStartException("dev/recsys/infra/" + RESOURCE + " is empty");
        }
        for (Path entry : entries) {
            if (!Files.exists(entry)) {
                throw new BrokerStartException("The Kafka broker classpath names " + entry
                        + ", which does not exist; rebuild with ./mvnw -pl infra -am install"
                        + " (it downloads the broker jars into the local Maven repository)");
            }
        }
        return entries;
    }
}
