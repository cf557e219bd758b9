package dev.recsys.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Runs every command of the project the same way: picocli parses the flags (with {@code --help} and
 * {@code --version} on every command), settings come from {@link Settings} for commands that take
 * {@code --config}, and every usage error takes one path: {@code <command>: <message naming the flag>},
 * then the usage, on stderr, and exit code {@value UsageException#EXIT_CODE}.
 *
 * <p>No message repeats a value it was not sure is harmless: an unknown flag is named without its value
 * (which may be a mistyped token), and a stray argument is not echoed at all.
 */
public final class Cli {
    /** Usage text is wrapped at this width, the same on every terminal (and in docs/CONFIGURATION.md). */
    public static final int USAGE_WIDTH = 100;

    private Cli() {}

    /**
     * Parses {@code args} into {@code command} and calls it, or prints its help or version.
     *
     * @param env the environment: {@code RECSYS_} settings for commands with {@code --config}
     * @return the exit code: the command's, 0 after {@code --help} or {@code --version}, 2 for a usage error
     * @throws Exception whatever the command throws, other than a {@link UsageException}
     */
    public static int run(
            Callable<Integer> command, String[] args, Map<String, String> env, PrintStream out, PrintStream err)
            throws Exception {
        Invocation invocation = new Invocation(command, args, env);
        try {
            invocation.parse();
            if (invocation.line.isUsageHelpRequested()) {
                invocation.line.usage(out, Help.Ansi.OFF);
                return 0;
            }
            if (invocation.line.isVersionHelpRequested()) {
                invocation.line.printVersionHelp(out, Help.Ansi.OFF);
                return 0;
            }
            Integer code = command.call();
            return code == null ? 0 : code;
        } catch (UsageException e) {
            err.println(invocation.line.getCommandName() + ": " + invocation.explain(e.getMessage()));
            invocation.line.usage(err, Help.Ansi.OFF);
            err.flush();
            return UsageException.EXIT_CODE;
        }
    }

    /**
     * Parses {@code args} into {@code command} without calling it.
     *
     * @return {@code command}, its options set
     * @throws UsageException with the message {@link #run} would print
     */
    public static <T> T parse(T command, String[] args, Map<String, String> env) {
        Invocation invocation = new Invocation(command, args, env);
        try {
            invocation.parse();
        } catch (UsageException e) {
            throw new UsageException(invocation.explain(e.getMessage()), e);
        }
        return command;
    }

    /** The command's model as {@link #run} sets it up, with the built-in defaults (for help and reference docs). */
    public static CommandSpec spec(Object command) {
        return new Invocation(command, new String[0], Map.of()).line.getCommandSpec();
    }

    /** One command line being parsed, with the settings it reads. */
    private static final class Invocation {
        final CommandLine line;
        final String[] args;
        final Settings settings;

        Invocation(Object command, String[] args, Map<String, String> env) {
            this.line = new CommandLine(command);
            this.args = args.clone();
            CommandSpec spec = line.getCommandSpec();
            spec.mixinStandardHelpOptions(true);
            spec.versionProvider(new VersionProvider());
            spec.usageMessage()
                    .showDefaultValues(true)
                    .abbreviateSynopsis(true)
                    .sortOptions(false)
                    .width(USAGE_WIDTH)
                    .autoWidth(false);
            if (spec.findOption(ConfigFileOption.NAME) != null) {
                settings = new Settings(env, this.args);
                line.setDefaultValueProvider(settings);
                spec.usageMessage()
                        .footer(
                                "",
                                "Each setting but a flag-only one can also be given as the variable RECSYS_<NAME>"
                                        + " (--http-port: RECSYS_HTTP_PORT) or as NAME=VALUE in the --config file;"
                                        + " flags win over variables, variables over the file. Reference:"
                                        + " docs/CONFIGURATION.md.");
            } else {
                settings = null;
            }
        }

        /** Parses; a settings file named by {@code --config} is read, then the flags parsed again over it. */
        void parse() {
            try {
                line.parseArgs(args);
                if (settings != null && !line.isUsageHelpRequested() && !line.isVersionHelpRequested()) {
                    Path file = line.getCommandSpec()
                            .findOption(ConfigFileOption.NAME)
                            .getValue();
                    if (file != null) {
                        settings.load(file, line.getCommandSpec());
                        line.parseArgs(args);
                    }
                }
            } catch (UnmatchedArgumentException e) {
                throw new UsageException(unmatched(e), e);
            } catch (ParameterException e) {
                throw new UsageException(e.getMessage(), e);
            }
        }

        /** The message, with where each setting it names came from when that was a variable or the file. */
        String explain(String message) {
            if (settings == null || message == null) {
                return message;
            }
            List<String> notes = new ArrayList<>();
            for (OptionSpec option : line.getCommandSpec().options()) {
                Optional<String> source = settings.sourceOf(option);
                if (source.isPresent() && names(message, option)) {
                    notes.add(option.longestName() + " is set by " + source.get());
                }
            }
            return notes.isEmpty() ? message : message + " (" + String.join("; ", notes) + ")";
        }

        private static boolean names(String message, OptionSpec option) {
            for (String name : option.names()) {
                if (Pattern.compile("(^|[^-\\w])" + Pattern.quote(name) + "(?![-\\w])")
                        .matcher(message)
                        .find()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Names unknown flags without their values, and echoes no stray argument: either may be a secret. */
    static String unmatched(UnmatchedArgumentException e) {
        List<String> flags = new ArrayList<>();
        for (String arg : e.getUnmatched()) {
            if (arg.startsWith("-")) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (!flags.contains(name)) {
                    flags.add(name);
                }
            }
        }
        if (flags.isEmpty()) {
            return "unexpected argument: flags look like --name VALUE, and a switch such as --help takes no value";
        }
        String text = (flags.size() == 1 ? "unknown flag " : "unknown flags ") + String.join(", ", flags);
        List<String> suggestions = e.getSuggestions();
        return suggestions.isEmpty() ? text : text + " (did you mean " + String.join(" or ", suggestions) + "?)";
    }
}
