package dev.recsys.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where a setting comes from when its flag is not on the command line: the environment variable
 * {@code RECSYS_<NAME>} ({@code --http-port} is {@code RECSYS_HTTP_PORT}), else the key {@code <name>}
 * of the {@code --config} properties file ({@code http-port=8080}), else the option's own default.
 * So flags win over the environment, the environment over the file, and the file over the defaults.
 *
 * <p>A blank variable counts as unset (as {@code export X=} is often meant). Options marked {@link
 * CommandLineOnly}, and {@code --help} and {@code --version}, are read from the command line only. A
 * key of the file that is no setting of the command is an error, so a typo never passes silently.
 *
 * <p>It remembers where each value came from ({@link #sourceOf}), so an error about a bad value can
 * say which variable or file to fix.
 */
public final class Settings implements IDefaultValueProvider {
    /** The prefix of every setting's environment variable. */
    public static final String ENV_PREFIX = "RECSYS_";

    private final Map<String, String> env;
    private final List<String> args;
    private final Map<String, String> sources = new HashMap<>();
    private Properties file = new Properties();
    private Path fileName;

    /**
     * @param env the environment ({@code System.getenv()}, or a map in tests)
     * @param args the command line, to leave alone the settings it gives
     */
    Settings(Map<String, String> env, String[] args) {
        this.env = Map.copyOf(env);
        this.args = List.of(args);
    }

    /** {@code RECSYS_HTTP_PORT} for {@code --http-port}. */
    public static String envName(OptionSpec option) {
        return ENV_PREFIX + key(option).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** {@code http-port} for {@code --http-port}: the option's name in a {@code --config} file. */
    public static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /** Whether the option is a setting, i.e. may come from the environment and the file as well as its flag. */
    public static boolean isSetting(OptionSpec option) {
        if (option.usageHelp() || option.versionHelp()) {
            return false;
        }
        return !(option.userObject() instanceof java.lang.reflect.AnnotatedElement element
                && element.isAnnotationPresent(CommandLineOnly.class));
    }

    /**
     * Reads the {@code --config} file; from now on its keys are defaults under the environment.
     *
     * @throws UsageException if it cannot be read or holds a key that is no setting of {@code command}
     */
    void load(Path path, CommandSpec command) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UsageException(ConfigFileOption.NAME + " " + path + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
        Map<String, OptionSpec> settings = new HashMap<>();
        for (OptionSpec option : command.options()) {
            if (isSetting(option)) {
                settings.put(key(option), option);
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            if (!settings.containsKey(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            unknown.sort(null);
            throw new UsageException(ConfigFileOption.NAME + " " + path + ": " + String.join(", ", unknown)
                    + (unknown.size() == 1 ? " is" : " are") + " no setting of " + command.name() + " (its settings: "
                    + String.join(", ", new TreeSet<>(settings.keySet())) + ")");
        }
        this.file = properties;
        this.fileName = path;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !isSetting(option) || onCommandLine(option)) {
            return null;
        }
        String variable = envName(option);
        String value = env.get(variable);
        if (value != null && !value.isBlank()) {
            sources.put(option.longestName(), variable);
            return value.strip();
        }
        value = file.getProperty(key(option));
        if (value != null) {
            sources.put(option.longestName(), fileName.toString());
            return value.strip();
        }
        return null;
    }

    /** The variable or file the option's value came from, if it came from neither its flag nor its default. */
    public Optional<String> sourceOf(OptionSpec option) {
        return Optional.ofNullable(sources.get(option.longestName()));
    }

    /** Whether one of the option's names is on the command line, as {@code --name} or {@code --name=...}. */
    private boolean onCommandLine(OptionSpec option) {
        for (String arg : args) {
            for (String name : option.names()) {
                if (arg.equals(name) || arg.startsWith(name + "=")) {
                    return true;
                }
            }
        }
        return false;
    }
}
