package dev.recsys.infra.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.infra.cli.UsageException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void jvmOptionsAreSplitOnSpaces() throws Exception {
        DemoOptions options = DemoOptions.parse(new String[] {
            "--ingest-classpath", "a.jar:b.jar",
            "--service-classpath", "c.jar",
            "--jvm-opts", " --add-opens=java.base/java.util=ALL-UNNAMED   --add-opens=java.base/java.lang=ALL-UNNAMED "
        });

        assertEquals(
                List.of("--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED"),
                options.ingestJvmOptions());
        assertEquals("a.jar:b.jar", options.ingestClasspath());
    }

    @Test
    void defaultsArePort8080Kafka9092AndDataDemo() throws Exception {
        DemoOptions options = DemoOptions.parse(new String[] {"--ingest-classpath", "a", "--service-classpath", "b"});

        assertEquals(8080, options.httpPort());
        assertEquals(9092, options.kafkaPort());
        assertEquals(Path.of("data/demo").toAbsolutePath(), options.dataDir());
        assertEquals(options.dataDir().resolve("kafka"), options.kafkaDir());
        assertEquals(List.of(), options.ingestJvmOptions());
    }

    @Test
    void missingClasspathIsNamed() {
        UsageException e =
                assertThrows(UsageException.class, () -> DemoOptions.parse(new String[] {"--ingest-classpath", "a"}));

        assertEquals("--service-classpath is required", e.getMessage());
    }

    @Test
    void samePortForHttpAndKafkaIsRejected() {
        UsageException e = assertThrows(
                UsageException.class,
                () -> DemoOptions.parse(
                        new String[] {"--ingest-classpath", "a", "--service-classpath", "b", "--http-port", "9092"}));

        assertTrue(e.getMessage().startsWith("--http-port"), e.getMessage());
    }
}
