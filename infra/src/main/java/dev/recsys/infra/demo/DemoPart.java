package dev.recsys.infra.demo;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * One process of the demo (the broker, the stream job or the index service) that can be started
 * again, with the same settings, after it died.
 *
 * <p>Not thread-safe: {@link DemoStack} serialises every call.
 */
interface DemoPart {

    /** Short name used in messages, e.g. {@code index-service}. */
    String name();

    /** What is started, for the line that says so, e.g. {@code Kafka on 127.0.0.1:9092}. */
    String description();

    /** Starts a new process: the first one, or a replacement for one that died. */
    void start() throws DemoFailure;

    /** Whether the process has been started and is still running. */
    boolean isAlive();

    /** The running process's id; empty when it is not running. */
    OptionalLong pid();

    /** How the last process ended, e.g. {@code exited with code 137 (killed by signal 9)}; once it is not alive. */
    String howItEnded();

    /** Whether starting it again could help; false when it rejected its own command line. */
    boolean worthRestarting();

    /** The file its output goes to. */
    Path logFile();

    /** The last lines of its log, for messages. */
    String tailOfLog(int lines);

    /** Stops the process (gracefully, then forcibly) and anything it started. Safe to call more than once. */
    void stop();
}
