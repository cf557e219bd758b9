package dev.recsys.cli;

import dev.recsys.cli.kafka.KafkaOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A command shaped like the project's long-running ones: settings, a secret, a flag-only switch, Kafka. */
@Command(name = "recsys sample", description = "A command for the tests of the command-line support.")
final class SampleCommand implements Callable<Integer> {

    @Mixin
    ConfigFileOption config;

    @Option(names = "--http-port", paramLabel = "N", defaultValue = "8080", description = "HTTP port")
    int httpPort;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data/sample", description = "where data goes")
    Path data;

    @Option(
            names = "--admin-token",
            paramLabel = "TOKEN",
            showDefaultValue = Help.Visibility.NEVER,
            description = "bearer token of the admin endpoints")
    String adminToken;

    @CommandLineOnly
    @Option(names = "--fresh", description = "start from nothing")
    boolean fresh;

    @Mixin
    KafkaOptions kafka;

    boolean called;

    @Override
    public Integer call() {
        called = true;
        if (httpPort == 1) {
            throw new UsageException("--http-port must not be 1, got 1");
        }
        return 7;
    }
}
