package dev.recsys.infra.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parsed {@code --name value} flags, checked against the flags a program knows.
 *
 * <p>The value is always the next argument, taken as it is, even when it starts with dashes: the
 * demo's {@code --jvm-opts "--add-opens=..."} must work. Switches (flags without a value, such as the
 * demo's {@code --fresh}) are named up front for that reason. {@code --help} and {@code -h} are
 * recognised by every program.
 */
public final class Flags {

    private final Map<String, String> values;
    private final Set<String> switches;
    private final boolean help;

    private Flags(Map<String, String> values, Set<String> switches, boolean help) {
        this.values = values;
        this.switches = switches;
        this.help = help;
    }

    /**
     * Parses {@code args}.
     *
     * @param known the flags the program accepts, each with its leading {@code --}
     * @throws UsageException for an unknown or repeated flag, a flag without a value, or a stray argument
     */
    public static Flags parse(String[] args, Set<String> known) throws UsageException {
        return parse(args, known, Set.of());
    }

    /**
     * Parses {@code args} with flags that take a value and switches that take none.
     *
     * @param known the flags that take a value, each with its leading {@code --}
     * @param knownSwitches the flags that take no value, each with its leading {@code --}
     * @throws UsageException for an unknown or repeated flag, a flag without a value, a switch with
     *     one, or a stray argument
     */
    public static Flags parse(String[] args, Set<String> known, Set<String> knownSwitches) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> switches = new HashSet<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (knownSwitches.contains(arg)) {
                if (!switches.add(arg)) {
                    throw new UsageException(arg + " is given more than once");
                }
                continue;
            }
            if (arg.indexOf('=') > 0 && knownSwitches.contains(arg.substring(0, arg.indexOf('=')))) {
                throw new UsageException(arg.substring(0, arg.indexOf('=')) + " takes no value");
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "' (flags look like --name value)");
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                if (!known.contains(name)) {
                    throw new UsageException("unknown flag " + name);
                }
                throw new UsageException(name + " needs a value");
            }
            if (!known.contains(name)) {
                throw new UsageException("unknown flag " + name);
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new UsageException(name + " is given more than once");
            }
        }
        return new Flags(Map.copyOf(values), Set.copyOf(switches), help);
    }

    /** Whether the switch was given. */
    public boolean isSet(String flagSwitch) {
        return switches.contains(flagSwitch);
    }

    /** Whether {@code --help} or {@code -h} was given. */
    public boolean helpRequested() {
        return help;
    }

    /** The flag's value, if given. */
    public Optional<String> string(String flag) {
        return Optional.ofNullable(values.get(flag));
    }

    /** The flag's value, or {@code defaultValue}. */
    public String string(String flag, String defaultValue) {
        return values.getOrDefault(flag, defaultValue);
    }

    /** The value of a flag that must be given and not blank. */
    public String required(String flag) throws UsageException {
        String value = values.get(flag);
        if (value == null) {
            throw new UsageException(flag + " is required");
        }
        if (value.isBlank()) {
            throw new UsageException(flag + " must not be empty");
        }
        return value;
    }

    /** The flag's value as a path, or {@code defaultValue}. */
    public Path path(String flag, String defaultValue) throws UsageException {
        String value = string(flag, defaultValue);
        if (value.isBlank()) {
            throw new UsageException(flag + " must not be empty");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(flag + " is not a valid path: " + value);
        }
    }

    /** The flag's value as a TCP port in {@code [min, 65535]}, or {@code defaultValue}. */
    public int port(String flag, int defaultValue, int min) throws UsageException {
        String value = values.get(flag);
        if (value == null) {
            return defaultValue;
        }
        int port;
        try {
            port = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a port number, got '" + value + "'");
        }
        if (port < min || port > 65_535) {
            throw new UsageException(flag + " must be between " + min + " and 65535, got " + port);
        }
        return port;
    }
}
