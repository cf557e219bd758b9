package dev.recsys.index.catalog.sources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Opens a {@link CatalogSource} by format name; the names are those of {@code ./recsys reindex --format}. */
public final class CatalogSources {
    public static final String JSONL = "jsonl";
    public static final String INSTACART = "instacart";
    public static final String MOVIELENS = "movielens";

    /** The name of the generated source, which {@link #generated} opens (it has no path). */
    public static final String GENERATED = "generated";

    /** The formats {@link #open} reads from a path. */
    public static final List<String> FORMATS = List.of(JSONL, INSTACART, MOVIELENS);

    private CatalogSources() {}

    /**
     * A source reading {@code path} in {@code format}: {@code "jsonl"} (a JSON Lines catalog file), {@code
     * "instacart"} (the folder or products.csv), {@code "movielens"} (the folder or movies.csv). Any path is
     * read: for paths from the command line.
     *
     * @throws IllegalArgumentException naming {@code format} for an unknown format, or naming the {@code
     *     source} when the path or a file the format needs is missing
     */
    public static CatalogSource open(String format, Path path) {
        return open(format, path, SourceFolders.ANYWHERE);
    }

    /**
     * As {@link #open(String, Path)}, reading only files under {@code folders}: the path and every file the
     * format opens beside it are resolved there first, and the source reads their real paths.
     *
     * @throws SourceFolders.OutsideException when the path or a file beside it lies outside the folders
     * @throws IllegalArgumentException as {@link #open(String, Path)}
     */
    public static CatalogSource open(String format, Path path, SourceFolders folders) {
        if (format == null || !FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("format must be one of " + String.join(", ", FORMATS)
                    + (GENERATED.equals(format) ? " (a generated catalog has no path: use generated(count, seed))" : "")
                    + ", got " + (format == null ? "none" : "'" + format + "'"));
        }
        if (path == null) {
            throw new IllegalArgumentException("source path is required for format " + format);
        }
        Path checked = folders.resolve(path, "source");
        if (!Files.exists(checked)) {
            throw new IllegalArgumentException("source " + path + " does not exist");
        }
        if (!Files.isReadable(checked)) {
            throw new IllegalArgumentException("source " + path + " is not readable by the service");
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case JSONL -> {
                if (!Files.isRegularFile(checked)) {
                    throw new IllegalArgumentException("source " + path + " is not a file; jsonl needs a catalog file");
                }
                yield new JsonLinesSource(checked);
            }
            case INSTACART -> new InstacartSource(checked, folders);
            case MOVIELENS -> new MovieLensSource(checked, folders);
            default -> throw new AssertionError(format);
        };
    }

    /**
     * {@code count} items like {@link dev.recsys.index.catalog.SampleCatalog}'s, streamed in constant memory and
     * deterministic in {@code count} and {@code seed}; see {@link
     * dev.recsys.index.catalog.SampleCatalog#stream}.
     *
     * @throws IllegalArgumentException if {@code count} is negative or above {@link
     *     dev.recsys.index.catalog.SampleCatalog#MAX_STREAM_COUNT}
     */
    public static CatalogSource generated(long count, long seed) {
        return new GeneratedSource(count, seed);
    }
}
