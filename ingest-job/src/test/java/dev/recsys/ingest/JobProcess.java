package dev.recsys.ingest;

import dev.recsys.infra.process.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link IngestJobMain} in a JVM of its own, as {@code ./recsys ingest} runs it: it can be killed
 * outright ({@code kill -9}) and started again with the same command line.
 */
final class JobProcess implements AutoCloseable {
    private final ChildJvm jvm;

    private JobProcess(ChildJvm jvm) {
        this.jvm = jvm;
    }

    /**
     * Starts the job with this JVM's classpath and the JVM options Flink needs.
     *
     * @param log the file its output is appended to
     * @param args the job's flags
     */
    static JobProcess start(Path log, List<String> args) throws IOException {
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC"));
        String opens = System.getProperty("recsys.flink.jvm.opens", "");
        Arrays.stream(opens.trim().split("\\s+"))
                .filter(option -> !option.isEmpty())
                .forEach(jvmOptions::add);
        ChildJvm jvm = ChildJvm.builder("ingest-job", IngestJobMain.class.getName())
                .classpath(System.getProperty("java.class.path"))
                .jvmOptions(jvmOptions)
                .args(args)
                .logFile(log)
                .build()
                .start();
        return new JobProcess(jvm);
    }

    long pid() {
        return jvm.pid();
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    /** SIGKILL: no shutdown hook, no cancellation, no final checkpoint; waits until it is gone. */
    void kill() throws Exception {
        ProcessHandle handle =
                ProcessHandle.of(jvm.pid()).orElseThrow(() -> new AssertionError("the job process is already gone"));
        handle.destroyForcibly();
        handle.onExit().get();
    }

    /** Everything the process has logged so far. */
    String log() throws IOException {
        return Files.readString(jvm.logFile(), StandardCharsets.UTF_8);
    }

    String tailOfLog() {
        return jvm.tailOfLog(40);
    }

    @Override
    public void close() {
        jvm.stop(Duration.ofSeconds(10));
    }
}
