package dev.recsys.cli.kafka;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap-servers} with the client properties of {@link KafkaPropertyOptions}: how a command
 * reaches Kafka. Mixed into every command that talks to it ({@code @Mixin KafkaOptions kafka;}).
 */
public final class KafkaOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            defaultValue = KafkaSettings.DEFAULT_BOOTSTRAP_SERVERS,
            description = "Kafka brokers")
    private String bootstrapServers;

    @Mixin
    private KafkaPropertyOptions properties;

    /** The brokers and client properties given; a reserved property or a bad file is a {@link dev.recsys.cli.UsageException}. */
    public KafkaSettings settings() {
        return new KafkaSettings(bootstrapServers, properties.properties());
    }
}
