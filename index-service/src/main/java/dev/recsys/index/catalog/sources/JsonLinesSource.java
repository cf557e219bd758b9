package dev.recsys.index.catalog.sources;

import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.ranker.json.CatalogItemJson;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.InvalidRecordException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A catalog file in the project's own format (see {@link CatalogFile}): JSON Lines, one {@link
 * CatalogItemJson catalog item} per line, UTF-8. Blank lines are skipped; line numbers are 1-based; a
 * line with an id seen before is an error on field {@code itemId}. Holds the ids of one pass in memory
 * (for the duplicate check), never the items.
 */
public final class JsonLinesSource implements CatalogSource {
    private final Path file;

    public JsonLinesSource(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public String description() {
        return "jsonl catalog (" + file + ")";
    }

    /** The number of lines: exact for files up to 64 MB, else estimated from the first megabyte. */
    @Override
    public long estimatedSize() {
        return Records.estimateLines(file, 0);
    }

    @Override
    public void read(Consumer<CatalogItem> items, Consumer<LineError> errors) throws IOException {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(errors, "errors");
        Records.SeenIds seen = new Records.SeenIds();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                CatalogItem item;
                try {
                    item = CatalogItemJson.fromNode(JsonLine.parseObject(line));
                } catch (JsonLine.MalformedException e) {
                    errors.accept(new LineError(number, null, e.getMessage()));
                    continue;
                } catch (InvalidRecordException e) {
                    errors.accept(LineError.of(number, e));
                    continue;
                }
                LineError duplicate = seen.add(item.itemId(), number);
                if (duplicate != null) {
                    errors.accept(duplicate);
                } else {
                    items.accept(item);
                }
            }
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
