package dev.recsys.infra.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.cli.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
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
    void dataIsKeptUnlessFreshIsGiven() throws Exception {
        DemoOptions kept = DemoOptions.parse(new String[] {"--ingest-classpath", "a", "--service-classpath", "b"});
        DemoOptions fresh =
                DemoOptions.parse(new String[] {"--ingest-classpath", "a", "--fresh", "--service-classpath", "b"});

        assertFalse(kept.fresh());
        assertTrue(fresh.fresh());
        assertEquals("b", fresh.serviceClasspath());
    }

    @Test
    void everyPartKeepsItsDataUnderTheDataFolder() throws Exception {
        DemoOptions options = DemoOptions.parse(
                new String[] {"--ingest-classpath", "a", "--service-classpath", "b", "--data", "/srv/demo"});

        assertEquals(Path.of("/srv/demo/kafka"), options.kafkaDir());
        assertEquals(Path.of("/srv/demo/service"), options.serviceDir());
        assertEquals(Path.of("/srv/demo/ingest/checkpoints"), options.checkpointDir());
        assertEquals(Path.of("/srv/demo/logs/index-service.log"), options.logFile("index-service"));
    }

    @Test
    void simulatorAndCheckpointSettingsDefaultToNothingAndTenSeconds() throws Exception {
        DemoOptions defaults = DemoOptions.parse(new String[] {"--ingest-classpath", "a", "--service-classpath", "b"});
        DemoOptions given = DemoOptions.parse(new String[] {
            "--ingest-classpath", "a",
            "--service-classpath", "b",
            "--simulated-shoppers", "3",
            "--simulator-rate", "0.5",
            "--checkpoint-interval-ms", "2000"
        });

        assertEquals(OptionalInt.empty(), defaults.simulatedShoppers());
        assertEquals(OptionalDouble.empty(), defaults.simulatorRate());
        assertEquals(Duration.ofSeconds(10), defaults.checkpointInterval());
        assertEquals(OptionalInt.of(3), given.simulatedShoppers());
        assertEquals(OptionalDouble.of(0.5), given.simulatorRate());
        assertEquals(Duration.ofSeconds(2), given.checkpointInterval());
    }

    @Test
    void badSimulatorSettingsAreNamed() {
        UsageException shoppers = assertThrows(
                UsageException.class,
                () -> DemoOptions.parse(
                        new String[] {"--ingest-classpath", "a", "--service-classpath", "b", "--simulated-shoppers", "0"
                        }));
        UsageException rate = assertThrows(
                UsageException.class,
                () -> DemoOptions.parse(
                        new String[] {"--ingest-classpath", "a", "--service-classpath", "b", "--simulator-rate", "fast"
                        }));

        assertEquals("--simulated-shoppers must be a positive whole number, got 0", shoppers.getMessage());
        assertEquals("Invalid value for option '--simulator-rate': must be a number, got 'fast'", rate.getMessage());
    }

    @Test
    void embedderIsTheServicesUnlessGivenAndMustLookLikeAnEmbedder() {
        assertEquals(
                Optional.empty(),
                DemoOptions.parse(new String[] {"--ingest-classpath", "a", "--service-classpath", "b"})
                        .embedder());
        for (String name : List.of("hashed", "transformer", "transformer:all-minilm-l6-v2-q")) {
            assertEquals(
                    Optional.of(name),
                    DemoOptions.parse(new String[] {
                                "--ingest-classpath", "a", "--service-classpath", "b", "--embedder", name
                            })
                            .embedder());
        }
        UsageException bad = assertThrows(
                UsageException.class,
                () -> DemoOptions.parse(
                        new String[] {"--ingest-classpath", "a", "--service-classpath", "b", "--embedder", "bert"}));
        assertEquals("--embedder must be hashed or transformer[:MODEL], got 'bert'", bad.getMessage());
    }

    @Test
    void missingClasspathIsNamed() {
        UsageException e =
                assertThrows(UsageException.class, () -> DemoOptions.parse(new String[] {"--ingest-classpath", "a"}));

        assertEquals("--service-classpath is required", e.getMessage());
    }

    @Test
    void aValueStartingWithDashesIsAValueOfJvmOpts() throws Exception {
        DemoOptions options = DemoOptions.parse(new String[] {
            "--ingest-classpath", "a", "--service-classpath", "b", "--jvm-opts", "--enable-preview", "--fresh"
        });

        assertEquals(List.of("--enable-preview"), options.ingestJvmOptions());
        assertTrue(options.fresh());
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
