package dev.recsys.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * No main class over {@value #MAX_CLASS_LINES} lines of code and no method over {@value #MAX_METHOD_LINES},
 * in every module: a class or method that grows past the bar is split along its seams rather than
 * growing further. Lines of code as {@link SourceSizes} counts them: javadoc, comments, blank lines and
 * imports do not count.
 */
class SourceSizesTest {
    static final int MAX_CLASS_LINES = 400;
    static final int MAX_METHOD_LINES = 80;

    /** The modules whose main sources are measured, as folders beside this module's. */
    static final List<String> MODULES = List.of("ranker", "cli", "infra", "ingest-job", "index-service", "tools");

    /**
     * Known offenders, with their size (lines of code) when listed: each may not grow past it, and an
     * entry is removed once its class or method is split. This list only shrinks.
     */
    static final Map<String, Integer> ALLOWED = Map.of();

    @Test
    void noClassOrMethodIsOverTheBar() throws IOException {
        SourceSizes sizes = SourceSizes.of(mainSourceFolders());
        assertTrue(sizes.classes().size() > 100, "found only " + sizes.classes().size() + " classes");
        List<String> over = new ArrayList<>();
        for (SourceSizes.Measured measured : sizes.classes()) {
            check(measured, MAX_CLASS_LINES, over);
        }
        for (SourceSizes.Measured measured : sizes.methods()) {
            check(measured, MAX_METHOD_LINES, over);
        }
        assertTrue(over.isEmpty(), "split these along their seams:\n" + String.join("\n", over));
    }

    @Test
    void theAllowListNamesOnlyWhatIsStillOver() throws IOException {
        SourceSizes sizes = SourceSizes.of(mainSourceFolders());
        Map<String, Integer> stillOver = new TreeMap<>();
        for (SourceSizes.Measured measured : sizes.classes()) {
            if (measured.linesOfCode() > MAX_CLASS_LINES && ALLOWED.containsKey(measured.name())) {
                stillOver.put(measured.name(), ALLOWED.get(measured.name()));
            }
        }
        for (SourceSizes.Measured measured : sizes.methods()) {
            if (measured.linesOfCode() > MAX_METHOD_LINES && ALLOWED.containsKey(measured.name())) {
                stillOver.put(measured.name(), ALLOWED.get(measured.name()));
            }
        }
        assertEquals(new TreeMap<>(ALLOWED), stillOver, "remove the entries that are no longer over the bar");
    }

    private static void check(SourceSizes.Measured measured, int bar, List<String> over) {
        if (measured.linesOfCode() <= bar) {
            return;
        }
        Integer allowed = ALLOWED.get(measured.name());
        if (allowed == null || measured.linesOfCode() > allowed) {
            over.add(measured + " (at most " + (allowed == null ? bar : allowed) + ")");
        }
    }

    /** {@code ../<module>/src/main/java} for each module, from this module's folder (Maven's working directory). */
    static List<Path> mainSourceFolders() {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> folders = new ArrayList<>();
        for (String module : MODULES) {
            Path folder = root.resolve(module).resolve("src/main/java");
            assertTrue(Files.isDirectory(folder), "no main sources at " + folder);
            folders.add(folder);
        }
        return folders;
    }
}
