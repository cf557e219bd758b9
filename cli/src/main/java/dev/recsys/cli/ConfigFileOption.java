package dev.recsys.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}, the option that makes a command read its settings from {@code RECSYS_}
 * variables and a properties file as well as from its flags ({@link Settings}). A command takes part
 * by mixing this in ({@code @Mixin ConfigFileOption config;}).
 *
 * <p>The file is named on the command line only: a variable naming it would be inherited by every
 * command started from the same shell (the demo's job and service among them), each with settings of
 * its own.
 */
public final class ConfigFileOption {
    /** The option's name; {@link Cli} looks for it to know that a command reads settings. */
    public static final String NAME = "--config";

    @CommandLineOnly
    @Option(
            names = NAME,
            paramLabel = "FILE",
            description = "a Java properties file of settings, each key a flag's name without the dashes"
                    + " (http-port=8080); flags and RECSYS_ variables win over it")
    private Path file;

    /** The file named by {@code --config}, or {@code null}. */
    public Path file() {
        return file;
    }
}
