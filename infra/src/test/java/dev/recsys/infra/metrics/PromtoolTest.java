package dev.recsys.infra.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromtoolTest {
    @TempDir
    Path dir;

    private Path executable(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve("promtool");
        Files.writeString(file, "#!/bin/sh\n");
        assertTrue(file.toFile().setExecutable(true));
        return file;
    }

    @Test
    void theVariableWinsAndMustNameAnExecutable() throws IOException {
        Path named = executable(dir.resolve("named"));
        Path onPath = executable(dir.resolve("bin"));

        assertEquals(
                Optional.of(named),
                Promtool.locate(named.toString(), onPath.getParent().toString()));
        assertEquals(
                Optional.empty(),
                Promtool.locate(
                        dir.resolve("missing").toString(), onPath.getParent().toString()),
                "a variable naming nothing is not overridden by the PATH");
    }

    @Test
    void otherwiseTheFirstOnThePathThatIsExecutable() throws IOException {
        Path plain = dir.resolve("plain");
        Files.createDirectories(plain);
        Files.writeString(plain.resolve("promtool"), "not executable");
        Path second = executable(dir.resolve("second"));
        String path = String.join(
                File.pathSeparator,
                List.of(
                        "",
                        dir.resolve("none").toString(),
                        plain.toString(),
                        second.getParent().toString()));

        assertEquals(Optional.of(second), Promtool.locate(null, path));
        assertEquals(Optional.of(second), Promtool.locate(" ", path));
        assertFalse(Promtool.locate(null, plain.toString()).isPresent());
        assertFalse(Promtool.locate(null, null).isPresent());
    }
}
