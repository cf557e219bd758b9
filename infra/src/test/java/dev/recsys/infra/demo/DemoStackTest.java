package dev.recsys.infra.demo;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoStackTest {

    @TempDir
    Path dir;

    @Test
    void wipeRemovesAnEarlierBrokerFolder() throws Exception {
        Path kafka = dir.resolve("kafka");
        Files.createDirectories(kafka.resolve("kraft/interactions-0"));
        Files.writeString(kafka.resolve("server.properties"), "x");
        Files.writeString(kafka.resolve("broker.log"), "x");

        DemoStack.wipeBrokerData(kafka);

        assertTrue(Files.notExists(kafka));
    }

    @Test
    void wipeRefusesAFolderThatHoldsSomethingElse() throws Exception {
        Path kafka = dir.resolve("kafka");
        Files.createDirectories(kafka);
        Files.writeString(kafka.resolve("thesis.tex"), "x");

        IOException e = assertThrows(IOException.class, () -> DemoStack.wipeBrokerData(kafka));

        assertTrue(e.getMessage().contains("thesis.tex"), e.getMessage());
        assertTrue(Files.exists(kafka.resolve("thesis.tex")));
    }
}
