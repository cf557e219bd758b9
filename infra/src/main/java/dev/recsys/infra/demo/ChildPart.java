package dev.recsys.infra.demo;

import dev.recsys.infra.process.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The stream job or the index service: a child JVM started again from the same description. */
final class ChildPart implements DemoPart {

    /** The exit code of the job and the service for a command line they reject. */
    static final int EXIT_USAGE = 2;

    private final String name;
    private final ChildJvm.Builder recipe;
    private final Path logFile;
    private final Duration grace;
    private volatile ChildJvm current;
    private boolean startedBefore;

    /**
     * @param recipe the child's description; every start builds a new JVM from it
     * @param grace how long a stop waits after SIGTERM before it kills the child
     */
    ChildPart(String name, ChildJvm.Builder recipe, Path logFile, Duration grace) {
        this.name = name;
        this.recipe = recipe.logFile(logFile);
        this.logFile = logFile;
        this.grace = grace;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return name + " (log " + DemoData.shown(logFile) + ")";
    }

    /** Starts the child; the first start of a demo run begins a new log, a restart appends to it. */
    @Override
    public void start() throws DemoFailure {
        ChildJvm child = recipe.build();
        try {
            if (!startedBefore) {
                Files.deleteIfExists(logFile);
            }
            startedBefore = true;
            child.start();
        } catch (IOException e) {
            throw new DemoFailure("Cannot start " + name + ": " + e.getMessage(), e);
        }
        current = child;
    }

    @Override
    public boolean isAlive() {
        return current != null && current.isAlive();
    }

    @Override
    public OptionalLong pid() {
        return isAlive() ? OptionalLong.of(current.pid()) : OptionalLong.empty();
    }

    @Override
    public String howItEnded() {
        OptionalInt code = current == null ? OptionalInt.empty() : current.exitCode();
        if (code.isEmpty()) {
            return "is not running";
        }
        int exit = code.getAsInt();
        // A JVM killed by signal N reports 128 + N (137 for kill -9).
        String signal = exit > 128 && exit < 160 ? " (killed by signal " + (exit - 128) + ")" : "";
        return "exited with code " + exit + signal;
    }

    @Override
    public boolean worthRestarting() {
        return current == null || current.exitCode().orElse(-1) != EXIT_USAGE;
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public String tailOfLog(int lines) {
        return ChildJvm.tailOf(logFile, lines);
    }

    @Override
    public void stop() {
        if (current != null) {
            current.stop(grace);
        }
    }
}
