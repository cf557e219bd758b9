package dev.recsys.infra.process;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.CodeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One Java program running in a JVM of its own, started from the JDK that runs this JVM.
 *
 * <p>Why a child JVM rather than a thread: the Kafka broker, the Flink job and the index service
 * bring classpaths that must not meet (Scala, several Jackson lines, Flink's own shading), and a
 * separate process can be stopped and restarted like the real deployment. All output (stdout and
 * stderr) is appended to one log file, so a failure can be explained with {@link #tailOfLog(int)}.
 *
 * <p>{@link #stop(Duration)} asks politely first (SIGTERM, so the child's shutdown hooks run), then
 * kills the child and everything it started. With {@link Builder#exitWithParent(boolean)} (the
 * default) the child is wrapped in {@link OrphanGuard} and also exits if this JVM is killed outright.
 *
 * <p>Instances are thread-safe; a ChildJvm is started at most once.
 */
public final class ChildJvm {

    private static final int TAIL_BYTES = 64 * 1024;

    private final String name;
    private final String mainClass;
    private final String classpath;
    private final List<String> jvmOptions;
    private final List<String> args;
    private final Path logFile;
    private final Path workingDirectory;
    private final boolean exitWithParent;

    private Process process;

    private ChildJvm(Builder b) {
        this.name = b.name;
        this.mainClass = b.mainClass;
        this.classpath = Objects.requireNonNull(b.classpath, "classpath is required");
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.args = List.copyOf(b.args);
        this.logFile = Objects.requireNonNull(b.logFile, "logFile is required").toAbsolutePath();
        this.workingDirectory = b.workingDirectory;
        this.exitWithParent = b.exitWithParent;
    }

    /**
     * Starts describing a child JVM.
     *
     * @param name short name used in messages and log headers, e.g. {@code kafka-broker}
     * @param mainClass fully qualified class with a {@code public static void main(String[])}
     */
    public static Builder builder(String name, String mainClass) {
        return new Builder(name, mainClass);
    }

    /** The JDK launcher of this JVM, so children run on exactly the same Java version. */
    public static Path javaExecutable() {
        String exe = System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java";
        Path fromHome = Path.of(System.getProperty("java.home"), "bin", exe);
        if (Files.isExecutable(fromHome)) {
            return fromHome;
        }
        return ProcessHandle.current()
                .info()
                .command()
                .map(Path::of)
                .orElseThrow(() -> new IllegalStateException("Cannot find the java launcher under " + fromHome));
    }

    /** The full command line this child runs (or would run). */
    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable().toString());
        cmd.addAll(jvmOptions);
        Path guardLocation = exitWithParent ? ownLocation() : null;
        if (guardLocation != null) {
            cmd.add("-D" + OrphanGuard.PARENT_PID_PROPERTY + "="
                    + ProcessHandle.current().pid());
            cmd.add("-cp");
            cmd.add(classpath + File.pathSeparator + guardLocation);
            cmd.add(OrphanGuard.class.getName());
        } else {
            cmd.add("-cp");
            cmd.add(classpath);
        }
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Launches the child, appending its output to the log file (created with its folders if needed).
     *
     * @return this, for chaining
     * @throws IOException if the log file cannot be written or the process cannot be started
     * @throws IllegalStateException if it was started before
     */
    public synchronized ChildJvm start() throws IOException {
        if (process != null) {
            throw new IllegalStateException(name + " was already started");
        }
        Files.createDirectories(logFile.getParent());
        Files.writeString(
                logFile,
                "==== " + Instant.now() + " starting " + name + ": " + mainClass + " " + String.join(" ", args)
                        + System.lineSeparator(),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(command())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        if (workingDirectory != null) {
            pb.directory(workingDirectory.toFile());
        }
        process = pb.start();
        process.getOutputStream().close(); // the child reads nothing; give it end-of-input
        return this;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** Whether the child has been started and is still running. */
    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The child's process id. */
    public synchronized long pid() {
        return started().pid();
    }

    /** The exit code once the child has exited; empty while it runs or before it started. */
    public synchronized OptionalInt exitCode() {
        return process == null || process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * Waits for the child to exit by itself.
     *
     * @return its exit code, or empty if it is still running after the timeout
     */
    public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        Process p = started();
        return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? OptionalInt.of(p.exitValue())
                : OptionalInt.empty();
    }

    /**
     * Stops the child and every process it started: SIGTERM first (shutdown hooks run), then a
     * forcible kill if it is still alive after {@code gracePeriod}. Safe to call more than once, and
     * on a child that was never started or has already exited.
     *
     * @return the child's exit code, or empty if it was never started
     */
    public OptionalInt stop(Duration gracePeriod) {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p == null) {
            return OptionalInt.empty();
        }
        // Collect descendants first: once the child is gone they are re-parented and out of reach.
        List<ProcessHandle> descendants = p.descendants().toList();
        boolean interrupted = false;
        try {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(gracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            p.destroyForcibly();
        }
        for (ProcessHandle d : descendants) {
            if (d.isAlive()) {
                d.destroyForcibly();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return p.isAlive() ? OptionalInt.empty() : OptionalInt.of(p.exitValue());
    }

    /**
     * The last lines of the log file (at most the last 64 KiB of it), for error messages.
     *
     * @return the lines joined with newlines, or a note if the log cannot be read
     */
    public String tailOfLog(int lines) {
        return tailOf(logFile, lines);
    }

    /** The last {@code lines} lines of a text file (at most its last 64 KiB), or a note if unreadable. */
    public static String tailOf(Path file, int lines) {
        if (lines <= 0) {
            throw new IllegalArgumentException("lines must be positive, got " + lines);
        }
        if (!Files.exists(file)) {
            return "(no log file at " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, raf.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (raf.length() - start)];
            raf.seek(start);
            raf.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (" + mainClass + ", log " + logFile + ")";
    }

    private synchronized Process started() {
        if (process == null) {
            throw new IllegalStateException(name + " has not been started");
        }
        return process;
    }

    /** Where this class was loaded from (a jar or a classes folder), to put OrphanGuard on a child's classpath. */
    private static Path ownLocation() {
        CodeSource source = ChildJvm.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null; // not a plain file location: run the child without the guard
        }
    }

    /** Describes a child JVM; {@link #build()} checks it. */
    public static final class Builder {
        private final String name;
        private final String mainClass;
        private String classpath;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private Path logFile;
        private Path workingDirectory;
        private boolean exitWithParent = true;

        private Builder(String name, String mainClass) {
            this.name = requireText(name, "name");
            this.mainClass = requireText(mainClass, "mainClass");
        }

        /** The classpath, as the {@code -cp} option takes it (entries joined with the path separator). */
        public Builder classpath(String classpath) {
            this.classpath = requireText(classpath, "classpath");
            return this;
        }

        /** The classpath as a list of jars and folders. */
        public Builder classpath(List<Path> entries) {
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("classpath must not be empty");
            }
            this.classpath = String.join(
                    File.pathSeparator, entries.stream().map(Path::toString).toList());
            return this;
        }

        /** Options for the JVM itself ({@code -Xmx512m}, {@code -Dkey=value}, {@code --add-opens=...}). */
        public Builder jvmOptions(List<String> options) {
            for (String o : options) {
                if (o == null || o.isBlank()) {
                    throw new IllegalArgumentException("jvmOptions must not contain blank entries: " + options);
                }
            }
            jvmOptions.addAll(options);
            return this;
        }

        /** Arguments for the main class. */
        public Builder args(List<String> arguments) {
            args.addAll(arguments);
            return this;
        }

        /** Arguments for the main class. */
        public Builder args(String... arguments) {
            return args(List.of(arguments));
        }

        /** The file that receives the child's stdout and stderr (appended). Required. */
        public Builder logFile(Path file) {
            this.logFile = Objects.requireNonNull(file, "logFile");
            return this;
        }

        /** The child's working directory; default: this JVM's. */
        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        /**
         * Whether the child exits by itself when this JVM is gone, even after a SIGKILL (default
         * true). It costs one polling thread in the child.
         */
        public Builder exitWithParent(boolean enabled) {
            this.exitWithParent = enabled;
            return this;
        }

        public ChildJvm build() {
            return new ChildJvm(this);
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }
}
