package dev.recsys.infra.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * A demo part whose life the test decides, for the stack's and the supervisor's unit tests: it runs
 * after a start (unless it is set to die on start), dies when told to, and records its starts and
 * stops in a shared list of events.
 */
final class ScriptedPart implements DemoPart {

    private final String name;
    private final List<String> events;
    private boolean alive;
    private boolean diesOnStart;
    private boolean rejectsCommandLine;
    private int starts;

    ScriptedPart(String name, List<String> events) {
        this.name = name;
        this.events = events;
    }

    /** Makes the running process end, as a crash or a kill -9 would. */
    synchronized void die() {
        alive = false;
    }

    /** From now on every start fails at once. */
    synchronized void dieOnEveryStart() {
        diesOnStart = true;
    }

    /** The next death is a rejected command line (exit code 2). */
    synchronized void rejectCommandLine() {
        rejectsCommandLine = true;
        alive = false;
    }

    synchronized int starts() {
        return starts;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return name + " (scripted)";
    }

    @Override
    public synchronized void start() {
        starts++;
        events.add("start " + name);
        alive = !diesOnStart;
    }

    @Override
    public synchronized boolean isAlive() {
        return alive;
    }

    @Override
    public synchronized OptionalLong pid() {
        return alive ? OptionalLong.of(1000 + starts) : OptionalLong.empty();
    }

    @Override
    public synchronized String howItEnded() {
        return rejectsCommandLine ? "exited with code 2" : "exited with code 137 (killed by signal 9)";
    }

    @Override
    public synchronized boolean worthRestarting() {
        return !rejectsCommandLine;
    }

    @Override
    public Path logFile() {
        return Path.of("/srv/demo/logs/" + name + ".log");
    }

    @Override
    public String tailOfLog(int lines) {
        return "first line of " + name + "\nlast line of " + name;
    }

    @Override
    public synchronized void stop() {
        events.add("stop " + name);
        alive = false;
    }
}
