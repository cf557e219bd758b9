package dev.recsys.index.catalog.sources;

import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MovieLens movie list as a catalog: {@code movies.csv} ({@code movieId,title,genres}, genres
 * pipe-separated) with the users' free-text tags from {@code tags.csv} ({@code userId,movieId,tag,timestamp})
 * beside it when present. The path is the folder or {@code movies.csv} itself.
 *
 * <p>Mapping from the data: {@code itemId = "ml-" + movieId}; {@code title} as in the file (with its year,
 * which tells remakes apart); {@code category = "movies>" +} the first genre in lower case ({@code
 * "movies>unknown"} for {@code "(no genres listed)"}); {@code tags} = the movie's distinct lower-cased user
 * tags, most used first, at most {@value #MAX_USER_TAGS}, then its genres; {@code description} composed
 * from the genres, the year and the top tags; {@code createdAt} = a day in the release year parsed from
 * the title (the day from a hash of the id), or {@link #UNKNOWN_YEAR} when the title has no year;
 * attributes {@code year} and {@code genres}; {@code brand} empty.
 *
 * <p><b>Synthetic fields.</b> MovieLens has no sellers, prices or stock. {@code sellerId} {@code
 * "studio-NNN"} is drawn Zipf-like over {@value #STUDIOS} studios from a seeded hash of the movie id, with
 * {@code sellerTier} large/mid/small by share (see {@link SyntheticFields}); {@code price} is log-uniform,
 * 9.99-19.99 for films of the last {@value #NEW_RELEASE_YEARS} years before {@value #LATEST_YEAR} and
 * 2.99-12.99 before; every movie is in stock (a digital catalog).
 */
public final class MovieLensSource implements CatalogSource {
    public static final int MAX_USER_TAGS = 20;
    public static final int STUDIOS = 120;
    public static final int LATEST_YEAR = 2018;
    public static final int NEW_RELEASE_YEARS = 3;
    public static final String NO_GENRES = "(no genres listed)";

    /** {@code createdAt} of a movie whose title has no year. */
    public static final Instant UNKNOWN_YEAR = Instant.parse("1970-01-01T00:00:00Z");

    static final List<String> HEADER = List.of("movieId", "title", "genres");
    static final List<String> TAGS_HEADER = List.of("userId", "movieId", "tag", "timestamp");

    private static final Pattern YEAR = Pattern.compile("\\((\\d{4})(?:[-–]\\d{4})?\\)\\s*$");

    private final Path movies;
    private final Path tags;
    private final SyntheticFields synthetic = new SyntheticFields("studio", STUDIOS);

    /** @param path the folder holding {@code movies.csv}, or {@code movies.csv} itself */
    public MovieLensSource(Path path) {
        this(path, SourceFolders.ANYWHERE);
    }

    /**
     * @param path the folder holding {@code movies.csv}, or {@code movies.csv} itself
     * @param folders where {@code movies.csv} and a {@code tags.csv} beside it must lie (each is resolved
     *     there before it is opened)
     */
    public MovieLensSource(Path path, SourceFolders folders) {
        Objects.requireNonNull(path, "path");
        Path given = Files.isDirectory(path) ? path.resolve("movies.csv") : path;
        this.movies = folders.resolve(given, "source");
        if (!Files.isRegularFile(movies)) {
            throw new IllegalArgumentException("source " + path + ": movielens needs " + movies + ", which is missing");
        }
        Path besideMovies = given.toAbsolutePath().getParent().resolve("tags.csv");
        // Decided once: a tags.csv that appears between the two passes of a reindex is not read.
        this.tags = Files.exists(besideMovies, LinkOption.NOFOLLOW_LINKS)
                ? folders.resolve(besideMovies, "source: the tags.csv beside movies.csv")
                : null;
    }

    @Override
    public String description() {
        return "movielens movies.csv" + (hasTags() ? " + tags.csv" : "") + " (" + movies.getParent() + ")";
    }

    private boolean hasTags() {
        return tags != null && Files.isRegularFile(tags);
    }

    @Override
    public long estimatedSize() {
        return Records.estimateLines(movies, 1);
    }

    @Override
    public void read(Consumer<CatalogItem> items, Consumer<LineError> errors) throws IOException {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(errors, "errors");
        Map<Long, List<String>> userTags = hasTags() ? userTags(errors) : Map.of();
        Set<Long> seen = new HashSet<>();
        try (CsvReader csv = new CsvReader(Files.newBufferedReader(movies, StandardCharsets.UTF_8))) {
            CsvReader.Row header = csv.read();
            if (header == null || !header.fields().equals(HEADER)) {
                errors.accept(new LineError(
                        1,
                        null,
                        "expected the header " + String.join(",", HEADER) + ", got "
                                + (header == null ? "an empty file" : Excerpt.of(String.join(",", header.fields())))));
                return;
            }
            for (CsvReader.Row row = csv.read(); row != null; row = csv.read()) {
                List<String> fields = row.fields();
                if (fields.size() == 1 && fields.get(0).isBlank()) {
                    continue;
                }
                LineError error = null;
                CatalogItem item = null;
                if (fields.size() != HEADER.size()) {
                    error = new LineError(row.line(), null, "expected 3 fields, got " + fields.size());
                } else {
                    long id = movieId(fields.get(0));
                    if (id < 0) {
                        error = new LineError(
                                row.line(),
                                "movieId",
                                "expected a non-negative integer, got " + Excerpt.of(fields.get(0)));
                    } else if (fields.get(1).isBlank()) {
                        error = new LineError(row.line(), "title", "must not be empty");
                    } else if (!seen.add(id)) {
                        error = new LineError(row.line(), "movieId", "duplicate id " + id);
                    } else {
                        item = item(id, fields.get(1).strip(), fields.get(2), userTags.getOrDefault(id, List.of()));
                        error = Records.check(item, row.line());
                    }
                }
                if (error != null) {
                    errors.accept(error);
                } else {
                    items.accept(item);
                }
            }
        } catch (CsvReader.MalformedCsvException e) {
            errors.accept(new LineError(e.line(), null, e.getMessage()));
        }
    }

    private CatalogItem item(long id, String title, String genreField, List<String> userTags) {
        List<String> genres = genres(genreField);
        Integer year = year(title);
        List<String> tags = new ArrayList<>(userTags);
        genres.forEach(genre -> tags.add(genre.toLowerCase(Locale.ROOT)));
        Map<String, String> attributes = new LinkedHashMap<>();
        if (year != null) {
            attributes.put("year", year.toString());
        }
        attributes.put("genres", String.join("|", genres));
        boolean recent = year != null && year > LATEST_YEAR - NEW_RELEASE_YEARS;
        return new CatalogItem(
                "ml-" + id,
                title,
                description(genres, year, userTags),
                "movies>" + (genres.isEmpty() ? "unknown" : genres.get(0).toLowerCase(Locale.ROOT)),
                "",
                Records.cleanTags(tags),
                synthetic.sellerId(id),
                synthetic.sellerTier(id),
                recent ? SyntheticFields.price(id, 9.99, 19.99) : SyntheticFields.price(id, 2.99, 12.99),
                true,
                createdAt(id, year),
                attributes);
    }

    static List<String> genres(String field) {
        String trimmed = field.strip();
        if (trimmed.isEmpty() || trimmed.equals(NO_GENRES)) {
            return List.of();
        }
        List<String> genres = new ArrayList<>();
        for (String genre : trimmed.split("\\|")) {
            if (!genre.isBlank() && !genres.contains(genre.strip())) {
                genres.add(genre.strip());
            }
        }
        return genres;
    }

    /** The release year at the end of a MovieLens title ({@code "Heat (1995)"}), or {@code null}. */
    static Integer year(String title) {
        Matcher matcher = YEAR.matcher(title);
        if (!matcher.find()) {
            return null;
        }
        int year = Integer.parseInt(matcher.group(1));
        return year >= 1870 && year <= 2100 ? year : null;
    }

    static Instant createdAt(long id, Integer year) {
        if (year == null) {
            return UNKNOWN_YEAR;
        }
        LocalDate first = LocalDate.of(year, 1, 1);
        int day = (int) (SyntheticFields.unit(id, 5) * first.lengthOfYear());
        return first.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static String description(List<String> genres, Integer year, List<String> userTags) {
        StringBuilder text = new StringBuilder();
        if (genres.isEmpty()) {
            text.append("A film");
        } else if (genres.size() == 1) {
            text.append(genres.get(0)).append(" film");
        } else {
            text.append(String.join(", ", genres.subList(0, genres.size() - 1)))
                    .append(" and ")
                    .append(genres.get(genres.size() - 1))
                    .append(" film");
        }
        if (year != null) {
            text.append(" from ").append(year);
        }
        text.append('.');
        if (!userTags.isEmpty()) {
            text.append(" Viewers tagged it: ")
                    .append(String.join(", ", userTags.subList(0, Math.min(5, userTags.size()))))
                    .append('.');
        }
        return text.toString();
    }

    private static long movieId(String text) {
        try {
            long id = Long.parseLong(text.strip());
            return id >= 0 ? id : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** movieId -> distinct lower-cased tags, most used first (ties in file order), at most {@value #MAX_USER_TAGS}. */
    private Map<Long, List<String>> userTags(Consumer<LineError> errors) throws IOException {
        Map<Long, Map<String, Integer>> counts = new HashMap<>();
        try (CsvReader csv = new CsvReader(Files.newBufferedReader(tags, StandardCharsets.UTF_8))) {
            CsvReader.Row header = csv.read();
            if (header == null || !header.fields().equals(TAGS_HEADER)) {
                errors.accept(
                        new LineError(1, "tags", "tags.csv: expected the header " + String.join(",", TAGS_HEADER)));
                return Map.of();
            }
            for (CsvReader.Row row = csv.read(); row != null; row = csv.read()) {
                List<String> fields = row.fields();
                if (fields.size() == 1 && fields.get(0).isBlank()) {
                    continue;
                }
                long id = fields.size() == TAGS_HEADER.size() ? movieId(fields.get(1)) : -1;
                if (id < 0) {
                    errors.accept(new LineError(
                            row.line(),
                            "tags",
                            "tags.csv line " + row.line() + " is not userId,movieId,tag,timestamp; tag ignored"));
                    continue;
                }
                String tag = fields.get(2).strip().toLowerCase(Locale.ROOT);
                if (!tag.isEmpty() && tag.length() <= 128) {
                    counts.computeIfAbsent(id, key -> new LinkedHashMap<>()).merge(tag, 1, Integer::sum);
                }
            }
        } catch (CsvReader.MalformedCsvException e) {
            errors.accept(new LineError(e.line(), "tags", "tags.csv: " + e.getMessage() + "; later tags ignored"));
        }
        Map<Long, List<String>> top = new HashMap<>();
        counts.forEach((id, byTag) -> {
            List<Map.Entry<String, Integer>> entries = new ArrayList<>(byTag.entrySet());
            entries.sort(
                    Comparator.comparing(Map.Entry<String, Integer>::getValue).reversed());
            Set<String> kept = new LinkedHashSet<>();
            for (Map.Entry<String, Integer> entry : entries) {
                if (kept.size() == MAX_USER_TAGS) {
                    break;
                }
                kept.add(entry.getKey());
            }
            top.put(id, List.copyOf(kept));
        });
        return top;
    }

    @Override
    public String toString() {
        return description();
    }
}
