package dev.recsys.infra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerClasspathTest {

    @Test
    void theBrokerRunsKafkaAndNoneOfTheProjectsModules() {
        List<Path> entries = BrokerClasspath.load();

        assertTrue(
                entries.stream()
                        .anyMatch(entry -> entry.getFileName().toString().startsWith("kafka_2.13-")),
                "the broker jar is on it: " + entries);
        for (Path entry : entries) {
            String name = entry.toString().replace('\\', '/');
            assertTrue(
                    name.contains("/repository/") && !name.contains("/dev/recsys/") && !name.endsWith("/classes"),
                    "only jars of the local Maven repository, none of the project's: " + entry);
        }
    }
}
