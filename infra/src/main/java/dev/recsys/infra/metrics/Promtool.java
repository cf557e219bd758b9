package dev.recsys.infra.metrics;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own checker of a scrape, {@code promtool check metrics}, for tests of a running process: it
 * parses the text exposition format with Prometheus' parser and lints the names, types and help texts
 * against Prometheus' conventions (a counter ends in {@code _total}, every family has help, ...). It is
 * found through the {@code PROMTOOL} variable, else on the {@code PATH}; {@code ./recsys test} provides it
 * (from Debian's {@code prometheus} package) when neither has it.
 */
public final class Promtool {
    /** The variable naming the promtool binary. */
    public static final String VARIABLE = "PROMTOOL";

    /** What promtool said of one scrape: its exit code and every line it wrote. */
    public record Check(int exitCode, List<String> problems) {}

    private final Path binary;

    private Promtool(Path binary) {
        this.binary = binary;
    }

    /**
     * The promtool of this machine.
     *
     * @throws IllegalStateException naming where it was looked for, when there is none
     */
    public static Promtool find() {
        return locate(System.getenv(VARIABLE), System.getenv("PATH"))
                .map(Promtool::new)
                .orElseThrow(() -> new IllegalStateException("promtool not found: set " + VARIABLE
                        + " to its path or put it on the PATH (Debian: the prometheus package; ./recsys test"
                        + " fetches it by itself)"));
    }

    /** {@code variable} if it names an executable file, else the first {@code promtool} on {@code path}. */
    static Optional<Path> locate(String variable, String path) {
        if (variable != null && !variable.isBlank()) {
            Path named = Path.of(variable);
            return Files.isExecutable(named) ? Optional.of(named) : Optional.empty();
        }
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (!folder.isEmpty()) {
                Path candidate = Path.of(folder, "promtool");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Runs {@code promtool check metrics} on a scrape in the classic text format. */
    public Check checkMetrics(String scrape) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary.toString(), "check", "metrics")
                .redirectErrorStream(true)
                .start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("promtool check metrics did not finish within 60 s");
        }
        List<String> problems =
                output.join().lines().filter(line -> !line.isBlank()).toList();
        return new Check(process.exitValue(), problems);
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "could not read promtool's output: " + e.getMessage();
        }
    }
}
