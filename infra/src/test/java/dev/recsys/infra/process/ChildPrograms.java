package dev.recsys.infra.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Tiny programs run in child JVMs by the tests of this package. */
final class ChildPrograms {

    private ChildPrograms() {}

    /** Prints "line 1" .. "line N", then exits with the given code. Args: N, exit code. */
    static final class PrintAndExit {
        public static void main(String[] args) {
            int n = Integer.parseInt(args[0]);
            for (int i = 1; i <= n; i++) {
                System.out.println("line " + i);
            }
            System.err.println("done on stderr");
            System.exit(Integer.parseInt(args[1]));
        }
    }

    /** Prints "ready" and sleeps until killed. */
    static final class Sleep {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("ready");
            Thread.sleep(Duration.ofMinutes(5));
        }
    }

    /** Like {@link Sleep}, but its shutdown hook never finishes, so SIGTERM alone cannot stop it. */
    static final class IgnoreSigterm {
        public static void main(String[] args) throws InterruptedException {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(Duration.ofMinutes(5));
                } catch (InterruptedException ignored) {
                    // killed
                }
            }));
            System.out.println("ready");
            Thread.sleep(Duration.ofMinutes(5));
        }
    }

    /** Starts a grandchild process ({@code sleep 300}), writes its pid to the file in args[0], sleeps. */
    static final class SpawnGrandchild {
        public static void main(String[] args) throws Exception {
            Process grandchild = new ProcessBuilder("sleep", "300").start();
            Files.writeString(Path.of(args[0]), Long.toString(grandchild.pid()));
            System.out.println("ready");
            Thread.sleep(Duration.ofMinutes(5));
        }
    }
}
