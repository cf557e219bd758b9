package dev.recsys.infra.process;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of a child JVM that runs another main class and exits when its parent JVM is gone.
 *
 * <p>A shutdown hook in the parent stops its children on Ctrl-C or a normal exit, but not when the
 * parent is killed with SIGKILL (a test run aborted by a timeout, {@code kill -9}). Without this
 * guard the broker of such a run keeps its ports and its data folder busy until someone finds it.
 * The guard polls the parent once a second and, once the parent has exited, calls {@link
 * System#exit(int)}, which runs the child's own shutdown hooks (the broker shuts down cleanly).
 *
 * <p>Usage: {@code java -Drecsys.parent.pid=<pid> -cp ... dev.recsys.infra.process.OrphanGuard
 * <main class> [args...]}. Without the property it only runs the main class.
 */
public final class OrphanGuard {

    /** System property holding the process id of the JVM to watch. */
    public static final String PARENT_PID_PROPERTY = "recsys.parent.pid";

    /** Exit code of a child that stopped because its parent was gone. */
    public static final int EXIT_PARENT_GONE = 143;

    private static final long POLL_MILLIS = 1_000;

    private OrphanGuard() {}

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: OrphanGuard <main class> [args...]");
            System.exit(2);
        }
        String pid = System.getProperty(PARENT_PID_PROPERTY);
        if (pid != null) {
            watchParent(parseParent(pid));
        }
        runMain(args[0], Arrays.copyOfRange(args, 1, args.length));
    }

    private static ProcessHandle parseParent(String pid) {
        Optional<ProcessHandle> parent;
        try {
            parent = ProcessHandle.of(Long.parseLong(pid.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PARENT_PID_PROPERTY + " must be a process id, got '" + pid + "'", e);
        }
        if (parent.isEmpty() || !parent.get().isAlive()) {
            System.err.println("Parent process " + pid + " is already gone; exiting.");
            System.exit(EXIT_PARENT_GONE);
        }
        return parent.get();
    }

    private static void watchParent(ProcessHandle parent) {
        Thread watcher = new Thread(
                () -> {
                    // isAlive() compares the start time too, so a reused pid does not fool it.
                    while (parent.isAlive()) {
                        try {
                            Thread.sleep(POLL_MILLIS);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    System.err.println("Parent process " + parent.pid() + " is gone; shutting down.");
                    System.exit(EXIT_PARENT_GONE);
                },
                "orphan-guard");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void runMain(String className, String[] args) throws Throwable {
        Method main = Class.forName(className).getMethod("main", String[].class);
        if (!Modifier.isStatic(main.getModifiers())) {
            throw new IllegalArgumentException(className + ".main is not static");
        }
        main.setAccessible(true); // as the java launcher, accept a main class that is not public
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
