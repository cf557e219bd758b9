package dev.recsys.index.catalog;

import dev.recsys.ranker.json.CatalogItemJson;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.InvalidRecordException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Catalog files: JSON Lines, one {@link CatalogItemJson catalog item} per line, UTF-8. Blank lines are
 * skipped. Every line is validated; a bad line is reported with its number and the field at fault
 * instead of stopping the read, so an operator sees every problem of a file at once.
 */
public final class CatalogFile {

    /** What {@link #readAll} found: the valid items in file order and the first errors. */
    public record ReadResult(List<CatalogItem> items, List<LineError> errors) {
        public ReadResult {
            items = List.copyOf(items);
            errors = List.copyOf(errors);
        }

        public boolean hasErrors() {
            return !errors.isEmpty();
        }
    }

    /**
     * A line that is not a valid catalog item.
     *
     * @param line 1-based line number
     * @param field the JSON field at fault, or {@code null} when the line as a whole is unreadable
     */
    public record LineError(long line, String field, String reason) {
        @Override
        public String toString() {
            return "line " + line + (field == null ? "" : ", field '" + field + "'") + ": " + reason;
        }
    }

    private CatalogFile() {}

    /**
     * Reads every valid item of {@code jsonl}; a line with an id already seen is an error on field
     * {@code itemId}. Keeps at most {@code maxErrors} errors (the first ones) but always reads to the end.
     */
    public static ReadResult readAll(Path jsonl, int maxErrors) throws IOException {
        Objects.requireNonNull(jsonl, "jsonl");
        if (maxErrors < 0) {
            throw new IllegalArgumentException("maxErrors must be >= 0, got " + maxErrors);
        }
        List<CatalogItem> items = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        Map<String, Long> firstLine = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                LineError error = null;
                try {
                    CatalogItem item = CatalogItemJson.parse(line);
                    Long earlier = firstLine.putIfAbsent(item.itemId(), number);
                    if (earlier == null) {
                        items.add(item);
                    } else {
                        error = new LineError(number, "itemId", "duplicate of line " + earlier);
                    }
                } catch (InvalidRecordException e) {
                    error = new LineError(number, e.field(), e.reason());
                }
                if (error != null && errors.size() < maxErrors) {
                    errors.add(error);
                }
            }
        }
        return new ReadResult(items, errors);
    }

    /**
     * Reads a catalog file that must be entirely valid.
     *
     * @throws IllegalArgumentException naming the file, the first bad line and its field
     */
    public static List<CatalogItem> read(Path jsonl) throws IOException {
        ReadResult result = readAll(jsonl, 1);
        if (result.hasErrors()) {
            throw new IllegalArgumentException(
                    "catalog file " + jsonl + ", " + result.errors().get(0));
        }
        return result.items();
    }

    /** Writes {@code items} as JSON Lines, replacing {@code jsonl} atomically once fully written. */
    public static void write(Path jsonl, List<CatalogItem> items) throws IOException {
        Objects.requireNonNull(jsonl, "jsonl");
        Objects.requireNonNull(items, "items");
        Path absolute = jsonl.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            for (CatalogItem item : items) {
                writer.write(CatalogItemJson.write(item));
                writer.newLine();
            }
        }
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
