package dev.recsys.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command the {@code ./recsys} launcher runs is a picocli command of the reference (and so of
 * docs/CONFIGURATION.md), and each answers {@code --help} with its usage and exit code 0.
 */
class LauncherCommandsTest {

    /** The tests run in the module's folder; the launcher is the project's. */
    private static final Path LAUNCHER = Path.of("..", "recsys");

    /** Launcher commands outside the reference: the script's own, and the generator of the reference. */
    private static final Set<String> NOT_REFERENCED = Set.of("test", "build", "java", "help", "config-doc");

    /** The names of the launcher's {@code case} branches: {@code  demo)} and {@code  reindex|train|...)}. */
    private static Set<String> launcherCommands() throws IOException {
        Set<String> commands = new TreeSet<>();
        Matcher branch = Pattern.compile("(?m)^  ([a-z][a-z|-]*)\\)").matcher(Files.readString(LAUNCHER));
        while (branch.find()) {
            for (String name : branch.group(1).split("\\|")) {
                if (!name.startsWith("-")) { // -h and --help, spellings of help
                    commands.add(name);
                }
            }
        }
        commands.removeAll(NOT_REFERENCED);
        return commands;
    }

    @Test
    void theLauncherRunsExactlyTheReferencedCommands() throws IOException {
        Set<String> referenced = new TreeSet<>();
        ConfigDoc.commands().keySet().forEach(name -> referenced.add(name.replaceFirst("^recsys ", "")));

        Set<String> launched = launcherCommands();

        assertTrue(launched.contains("serve") && launched.contains("reindex"), "launcher not parsed: " + launched);
        assertEquals(referenced, launched);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyCommandAnswersHelpWithItsUsage() throws Exception {
        for (CommandSpec spec : ConfigDoc.commands().values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = Cli.run(
                    (Callable<Integer>) spec.userObject(),
                    new String[] {"--help"},
                    Map.of(),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            String usage = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, spec.name() + ": " + err.toString(StandardCharsets.UTF_8));
            assertTrue(usage.startsWith("Usage: " + spec.name()), spec.name() + ": " + usage);
            spec.options().stream()
                    .filter(option -> !option.hidden())
                    .forEach(option -> assertTrue(
                            usage.contains(option.longestName()), spec.name() + " lacks " + option.longestName()));
        }
    }
}
