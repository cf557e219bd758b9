package dev.recsys.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {

    private static String rejected(String... args) {
        return assertThrows(ServiceConfig.UsageException.class, () -> ServiceConfig.parse(args))
                .getMessage();
    }

    @Test
    void demoAloneTakesEveryDefault() {
        ServiceConfig config = ServiceConfig.parse("--demo");
        assertTrue(config.demo());
        assertNull(config.catalog());
        assertEquals("127.0.0.1:9092", config.bootstrapServers());
        assertEquals(8080, config.httpPort());
        assertEquals(Path.of("./data/service"), config.dataDir());
        assertEquals(50, config.simulatedShoppers());
        assertEquals(20.0, config.simulatorRate());
    }

    @Test
    void readsEveryFlagInBothSpellings() {
        ServiceConfig config = ServiceConfig.parse(
                "--bootstrap-servers=kafka:29092",
                "--http-port",
                "0",
                "--catalog",
                "items.jsonl",
                "--data=/tmp/svc",
                "--simulated-shoppers",
                "5",
                "--simulator-rate=2.5");
        assertEquals("kafka:29092", config.bootstrapServers());
        assertEquals(0, config.httpPort());
        assertEquals(Path.of("items.jsonl"), config.catalog());
        assertEquals(Path.of("/tmp/svc"), config.dataDir());
        assertFalse(config.demo());
        assertEquals(5, config.simulatedShoppers());
        assertEquals(2.5, config.simulatorRate());
    }

    @Test
    void aCatalogOrDemoIsRequired() {
        assertTrue(rejected().contains("--catalog"));
    }

    @Test
    void badValuesNameTheFlag() {
        assertTrue(rejected("--demo", "--http-port", "http").contains("--http-port"));
        assertTrue(rejected("--demo", "--http-port", "70000").contains("--http-port"));
        assertTrue(rejected("--demo", "--simulator-rate", "0").contains("--simulator-rate"));
        assertTrue(rejected("--demo", "--simulated-shoppers", "-1").contains("--simulated-shoppers"));
        assertTrue(rejected("--demo", "--catalog").contains("--catalog"));
        assertTrue(rejected("--demo", "--colour", "red").contains("--colour"));
        assertTrue(rejected("--demo=yes").contains("--demo"));
    }
}
