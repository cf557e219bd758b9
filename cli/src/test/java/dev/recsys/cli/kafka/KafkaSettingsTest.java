package dev.recsys.cli.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.cli.Cli;
import dev.recsys.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class KafkaSettingsTest {

    @Command(name = "recsys kafka-sample")
    static final class Sample {
        @Mixin
        KafkaOptions kafka;
    }

    @TempDir
    Path dir;

    private static KafkaSettings settings(String... args) {
        return Cli.parse(new Sample(), args, Map.of()).kafka.settings();
    }

    @Test
    void theFlagsWinOverTheFileKeyByKey() throws IOException {
        Path file = Files.writeString(
                dir.resolve("client.properties"), "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");

        KafkaSettings settings = settings(
                "--bootstrap-servers", "kafka-1:9093",
                "--kafka-config", file.toString(),
                "--kafka-property", "sasl.mechanism=SCRAM-SHA-512",
                "--kafka-property", "client.id=eu-1");

        assertEquals("kafka-1:9093", settings.bootstrapServers());
        assertEquals(
                Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "client.id", "eu-1"),
                settings.properties());
    }

    @Test
    void withoutFlagsTheBrokerIsLocalAndNothingIsPassed() {
        KafkaSettings settings = settings();

        assertEquals("127.0.0.1:9092", settings.bootstrapServers());
        assertEquals(Map.of(), settings.properties());
    }

    @Test
    void passedPropertiesGoOverTheProjectsAndTheBrokersOverBoth() {
        Properties project = new Properties();
        project.put("linger.ms", "5");
        project.put("client.id", "index-service-events");
        KafkaSettings settings = new KafkaSettings("kafka:9092", Map.of("linger.ms", "50", "security.protocol", "SSL"));

        Properties merged = settings.clientProperties(project);

        assertEquals("50", merged.get("linger.ms"));
        assertEquals("index-service-events", merged.get("client.id"));
        assertEquals("SSL", merged.get("security.protocol"));
        assertEquals("kafka:9092", merged.get("bootstrap.servers"));
        assertEquals("5", project.get("linger.ms"), "the project's properties are left as they were");
    }

    @Test
    void whatTheProjectReliesOnIsRefusedWithTheReason() {
        for (String key : List.of("acks", "enable.idempotence", "value.deserializer", "isolation.level", "group.id")) {
            String message = assertThrows(UsageException.class, () -> settings("--kafka-property", key + "=x"))
                    .getMessage();
            assertTrue(message.startsWith("--kafka-property " + key + " cannot be set: "), message);
        }
        String brokers = assertThrows(
                        UsageException.class, () -> settings("--kafka-property", "bootstrap.servers=elsewhere:9092"))
                .getMessage();
        assertTrue(brokers.contains("--bootstrap-servers"), brokers);
    }

    @Test
    void aReservedKeyInTheFileIsRefusedToo() throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"), "acks=0\n");

        assertThrows(UsageException.class, () -> settings("--kafka-config", file.toString()));
    }

    @Test
    void aPropertyWithoutEqualsSignIsRefusedWithoutEchoingIt() {
        String message = assertThrows(UsageException.class, () -> settings("--kafka-property", "hunter2"))
                .getMessage();

        assertTrue(message.startsWith("--kafka-property must be KEY=VALUE"), message);
        assertFalse(message.contains("hunter2"), message);
    }

    @Test
    void anUnreadableFileIsNamed() {
        Path missing = dir.resolve("missing.properties");

        String message = assertThrows(UsageException.class, () -> settings("--kafka-config", missing.toString()))
                .getMessage();

        assertTrue(message.startsWith("--kafka-config " + missing + " cannot be read"), message);
    }

    @Test
    void onlyKeysAreEverShown() {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"hunter2\";";
        KafkaSettings settings =
                new KafkaSettings("kafka:9092", Map.of("sasl.jaas.config", jaas, "ssl.keystore.password", "hunter2"));

        assertFalse(settings.toString().contains("hunter2"), settings.toString());
        assertFalse(settings.describe().contains("hunter2"), settings.describe());
        assertEquals(Set.of("sasl.jaas.config", "ssl.keystore.password"), settings.keys());
        assertTrue(settings.describe().contains("sasl.jaas.config"), settings.describe());
    }
}
