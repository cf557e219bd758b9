package dev.recsys.cli.kafka;

import dev.recsys.cli.CommandLineOnly;
import dev.recsys.cli.UsageException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/**
 * {@code --kafka-config FILE} and {@code --kafka-property KEY=VALUE}: Kafka client properties for every
 * producer and consumer of a command, for clusters that need TLS or SASL. A property given with {@code
 * --kafka-property} wins over the same key in the file. Prefer the file for secrets: a command line is
 * visible to every user of the machine ({@code ps}).
 */
public final class KafkaPropertyOptions {

    @CommandLineOnly
    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            description = "a Kafka client property for every producer and consumer, for TLS or SASL say;"
                    + " repeatable, and wins over --kafka-config")
    private List<String> pairs;

    @Option(
            names = "--kafka-config",
            paramLabel = "FILE",
            description = "a Java properties file of Kafka client properties (TLS, SASL) for every producer"
                    + " and consumer")
    private Path file;

    /**
     * The properties of the file, then those of the flags.
     *
     * @throws UsageException if the file cannot be read or a flag is not {@code KEY=VALUE}; the message
     *     never holds a value
     */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (file != null) {
            Properties read = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                read.load(in);
            } catch (IOException e) {
                throw new UsageException("--kafka-config " + file + " cannot be read: "
                        + e.getClass().getSimpleName());
            }
            for (String key : new TreeSet<>(read.stringPropertyNames())) {
                properties.put(key.strip(), read.getProperty(key).strip());
            }
        }
        if (pairs != null) {
            for (String pair : pairs) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new UsageException("--kafka-property must be KEY=VALUE, e.g. security.protocol=SSL"
                            + (equals == 0 ? " (the key is empty)" : " (there is no '=')"));
                }
                properties.put(
                        pair.substring(0, equals).strip(),
                        pair.substring(equals + 1).strip());
            }
        }
        return properties;
    }
}
