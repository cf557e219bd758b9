package dev.recsys.cli.kafka;

import dev.recsys.cli.UsageException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * How to reach Kafka: the brokers, and client properties passed through to every producer and
 * consumer a process creates (TLS, SASL, timeouts, {@code client.id}, ...). Each client starts from the
 * properties the project chose for it, then these go on top.
 *
 * <p>The properties in {@link #RESERVED} are refused: the project's clients depend on them for what they
 * promise (every event acknowledged by all in-sync replicas, records in the project's formats, readers
 * that see committed records only and choose where they start), so they are never replaced silently.
 *
 * <p>Values may be secrets ({@code sasl.jaas.config}, {@code ssl.keystore.password}): {@link #toString}
 * and {@link #describe} show the keys only.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param properties client properties by key, in the order given
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> properties) {

    /** A broker on this machine, as {@code ./recsys kafka} and the demo start it. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

    private static final String FORMATS = "records are written and read in the project's formats";
    private static final String DELIVERY =
            "the project's producers need it for what they promise (an acknowledged record is kept, and kept once)";
    private static final String POSITION =
            "where each reader starts and what it commits is the project's (the stream job's group is --group-id)";

    /** Client properties that cannot be passed through, each with the reason. */
    public static final Map<String, String> RESERVED = Map.ofEntries(
            Map.entry("bootstrap.servers", "give the brokers with --bootstrap-servers"),
            Map.entry("key.serializer", FORMATS),
            Map.entry("value.serializer", FORMATS),
            Map.entry("key.deserializer", FORMATS),
            Map.entry("value.deserializer", FORMATS),
            Map.entry("acks", DELIVERY),
            Map.entry("enable.idempotence", DELIVERY),
            Map.entry("transactional.id", "the project's producers are not transactional"),
            Map.entry("isolation.level", "the project's readers see committed records only"),
            Map.entry("group.id", POSITION),
            Map.entry("enable.auto.commit", POSITION),
            Map.entry("auto.offset.reset", POSITION));

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new UsageException("--bootstrap-servers must not be empty");
        }
        bootstrapServers = bootstrapServers.strip();
        Objects.requireNonNull(properties, "properties");
        for (String key : properties.keySet()) {
            if (key == null || key.isBlank()) {
                throw new UsageException("--kafka-property: a key must not be empty");
            }
            String reason = RESERVED.get(key);
            if (reason != null) {
                throw new UsageException("--kafka-property " + key + " cannot be set: " + reason);
            }
            if (properties.get(key) == null) {
                throw new UsageException("--kafka-property " + key + " needs a value");
            }
        }
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The brokers alone, no properties passed through. */
    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Map.of());
    }

    /**
     * A client's properties: {@code project} (what the project chose for this client), then the
     * properties passed through, then the brokers.
     */
    public Properties clientProperties(Properties project) {
        Properties merged = new Properties();
        merged.putAll(project);
        merged.putAll(properties);
        merged.put("bootstrap.servers", bootstrapServers);
        return merged;
    }

    /** The keys of the properties passed through, sorted: what may be logged of them. */
    public Set<String> keys() {
        return new TreeSet<>(properties.keySet());
    }

    /** The brokers and the keys passed through, never a value: for logs. */
    public String describe() {
        return properties.isEmpty() ? bootstrapServers : bootstrapServers + " with Kafka client properties " + keys();
    }

    @Override
    public String toString() {
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", properties=" + keys() + "]";
    }
}
