package dev.recsys.index.catalog.sources;

import dev.recsys.ranker.json.CatalogItemJson;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.InvalidRecordException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Helpers the file sources share: contract checks, duplicate ids, size estimates. */
final class Records {
    /** Files up to this size are line-counted exactly for {@link CatalogSource#estimatedSize()}. */
    static final long EXACT_COUNT_LIMIT = 64L << 20;

    private static final int SAMPLE_BYTES = 1 << 20;

    private Records() {}

    /**
     * {@code null} if {@code item} keeps the catalog item contract (the checks {@link CatalogItemJson#parse}
     * makes: lengths, counts, ids), else the error for {@code line}.
     */
    static LineError check(CatalogItem item, long line) {
        try {
            CatalogItemJson.fromNode(CatalogItemJson.toNode(item));
            return null;
        } catch (InvalidRecordException e) {
            return LineError.of(line, e);
        }
    }

    /** Remembers ids seen in one pass and names the line an id was first seen on. */
    static final class SeenIds {
        private final Set<String> ids = new HashSet<>();

        /** {@code null} for a new id, else the duplicate error for {@code line}. */
        LineError add(String itemId, long line) {
            return ids.add(itemId) ? null : new LineError(line, "itemId", "duplicate id " + Excerpt.of(itemId));
        }
    }

    /** Tags cleaned for the contract: trimmed, lower case, non-blank, at most 128 characters, distinct. */
    static List<String> cleanTags(List<String> tags) {
        return tags.stream()
                .map(tag -> tag.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(tag -> !tag.isEmpty() && tag.length() <= 128)
                .distinct()
                .toList();
    }

    /**
     * Lines in {@code file} less {@code headerLines}: counted exactly for files up to {@value
     * #EXACT_COUNT_LIMIT} bytes, else estimated from the average line length of the first megabyte.
     */
    static long estimateLines(Path file, int headerLines) {
        try {
            long size = Files.size(file);
            if (size == 0) {
                return 0;
            }
            long lines = 0;
            long bytes = 0;
            byte[] buffer = new byte[64 * 1024];
            boolean endsWithNewline = false;
            try (InputStream in = Files.newInputStream(file)) {
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                    bytes += n;
                    endsWithNewline = buffer[n - 1] == '\n';
                    if (size > EXACT_COUNT_LIMIT && bytes >= SAMPLE_BYTES) {
                        return Math.max(0, Math.round((double) size * lines / bytes) - headerLines);
                    }
                }
            }
            if (!endsWithNewline) {
                lines++;
            }
            return Math.max(0, lines - headerLines);
        } catch (IOException e) {
            return -1;
        }
    }
}
