package dev.recsys.infra;

import dev.recsys.infra.process.ChildJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.apache.kafka.common.Uuid;

/**
 * Formatting a broker's KRaft storage, the step of a {@link KafkaBroker}'s first start that runs Kafka's
 * {@code StorageTool} in a JVM of its own before the broker; a data folder formatted before is not
 * formatted again ({@link BrokerFiles#isFormatted()}).
 */
final class StorageFormat {
    private StorageFormat() {}

    /** Formats the KRaft storage (cluster id, metadata version) in a short-lived child JVM. */
    static void run(BrokerFiles files, String classpath, List<String> jvmOptions, long deadline)
            throws IOException, InterruptedException {
        ChildJvm tool = ChildJvm.builder("kafka-storage-format", "kafka.tools.StorageTool")
                .classpath(classpath)
                .jvmOptions(jvmOptions)
                .args(
                        "format",
                        "--cluster-id",
                        Uuid.randomUuid().toString(),
                        "--config",
                        files.serverProperties().toString(),
                        "--ignore-formatted")
                .logFile(files.logFile())
                .build()
                .start();
        OptionalInt exit;
        try {
            exit = tool.awaitExit(KafkaBroker.remaining(deadline));
        } catch (InterruptedException e) {
            tool.stop(Duration.ofSeconds(5));
            throw e;
        }
        if (exit.isEmpty()) {
            tool.stop(Duration.ofSeconds(5));
            throw new BrokerStartException("Formatting the Kafka storage did not finish in time" + files.tailNote());
        }
        if (exit.getAsInt() != 0 || !files.isFormatted()) {
            throw new BrokerStartException("Formatting the Kafka storage in " + files.kafkaLogDir()
                    + " failed (exit code " + exit.getAsInt() + ")" + files.tailNote());
        }
    }
}
