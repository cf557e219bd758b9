package dev.recsys.index.catalog.sources;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shared data sets (../shared/data), and helpers to read a source fully in tests. */
final class SharedData {
    private SharedData() {}

    /**
     * {@code ../shared/data/<name>} from the {@code recsys.shared.data} system property (set by the build), else
     * relative to the module folder; skips the calling test when it is absent (a fresh clone has no copy).
     */
    static Path folder(String name) {
        String property = System.getProperty("recsys.shared.data");
        Path root = property != null ? Path.of(property) : Path.of("../../shared/data");
        Path folder = root.resolve(name);
        assumeTrue(
                Files.isDirectory(folder),
                "skipped: shared data set " + folder.toAbsolutePath().normalize()
                        + " is absent (set -Drecsys.shared.data=DIR to point at it)");
        return folder;
    }

    /** Everything one pass of {@code source} produced. */
    record Pass(List<CatalogItem> items, List<LineError> errors) {}

    static Pass read(CatalogSource source) throws IOException {
        List<CatalogItem> items = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        source.read(items::add, errors::add);
        return new Pass(items, errors);
    }

    static Path write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, String.join("\n", lines) + "\n");
    }
}
