package dev.recsys.tools.evaluation;

import dev.recsys.index.catalog.sources.CatalogSource;
import dev.recsys.index.catalog.sources.CatalogSources;
import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.ranker.eval.Dataset;
import dev.recsys.ranker.eval.Interaction;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InvalidRecordException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A catalog and the interactions with it, read for offline evaluation and training.
 *
 * <p>Two inputs:
 *
 * <ul>
 *   <li>a MovieLens folder ({@code movies.csv}, {@code tags.csv}, {@code ratings.csv}): the catalog comes
 *       from {@link CatalogSources#open CatalogSources.open("movielens", dir)} (items {@code ml-<movieId>}),
 *       and each rating is a {@code rate} event with value = the rating, at its timestamp;
 *   <li>the Instacart sample ({@code products.csv}, {@code aisles.csv}, {@code departments.csv}, {@code
 *       baskets_first10k_orders.csv}): the catalog from {@link CatalogSources#open
 *       CatalogSources.open("instacart", dir)} (items {@code ic-<product_id>}), and each basket line a {@code
 *       purchase} by the shopper {@code order-<order_id>} at the time {@code add_to_cart_order} (ms). The
 *       sample has neither shopper ids nor clock times, so a basket is a shopper and the order in which
 *       items went into the cart is their history;
 *   <li>an interactions CSV with a header naming the columns {@code user,item,ts} and optionally {@code
 *       type} (an event type name) and {@code rating} (a number), plus a JSON Lines catalog. {@code ts} is
 *       epoch milliseconds or an ISO-8601 instant. Without a type column a row with a rating is a {@code
 *       rate} event and one without is a {@code view}.
 * </ul>
 *
 * A malformed row is reported with its line number and skipped; more than {@code maxErrors} malformed rows
 * stop the load. Rows naming an item the catalog lacks are counted and reported, not loaded.
 *
 * The items' content vectors are computed afterwards, by each embedder of the run ({@link ContentEmbeddings}).
 *
 * @param items the catalog, by item index
 */
public record EvaluationData(Dataset dataset, List<CatalogItem> items, LoadReport report) {

    /** The basket lines of the Instacart sample, beside its products.csv. */
    static final String INSTACART_BASKETS = "baskets_first10k_orders.csv";

    /** Dimension of the hashed content vectors: the embedder's default, as the index service uses it. */
    public static final int DIMENSION = HashedNgramEmbedder.DEFAULT_DIMENSION;

    /**
     * @param malformed rows skipped as malformed
     * @param unknownItems rows naming an item not in the catalog
     * @param unknownItemIds distinct unknown item ids (at most 10 kept, for the message)
     * @param catalogErrors catalog records rejected by the catalog reader
     */
    public record LoadReport(
            long rows, long malformed, long unknownItems, List<String> unknownItemIds, long catalogErrors) {}

    /** Thrown when the input cannot be used: missing files, a bad header, too many malformed rows. */
    public static final class LoadException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public LoadException(String message) {
            super(message);
        }
    }

    public static EvaluationData movieLens(Path dir, int maxErrors, Consumer<String> warn) throws IOException {
        Path ratings = dir.resolve("ratings.csv");
        if (!Files.isRegularFile(ratings)) {
            throw new LoadException(dir + " has no ratings.csv");
        }
        Catalog catalog = readCatalog(CatalogSources.open(CatalogSources.MOVIELENS, dir), warn);
        Reader reader = new Reader(catalog, maxErrors, warn);
        readRows(ratings, "userId,movieId,rating,timestamp", reader, (line, f) -> {
            Double rating = parseDouble(f[2]);
            Long seconds = parseLong(f[3]);
            if (f[0].isBlank() || rating == null || rating < 0 || rating > 5 || seconds == null) {
                reader.malformed(line, "expected userId,movieId,rating (0 to 5),timestamp (Unix seconds)");
                return;
            }
            reader.add(f[0].strip(), "ml-" + f[1].strip(), seconds * 1000, EventType.RATE, rating);
        });
        return reader.finish();
    }

    public static EvaluationData instacartBaskets(Path dir, int maxErrors, Consumer<String> warn) throws IOException {
        Path baskets = dir.resolve(INSTACART_BASKETS);
        if (!Files.isRegularFile(baskets)) {
            throw new LoadException(dir + " has no " + INSTACART_BASKETS);
        }
        Catalog catalog = readCatalog(CatalogSources.open(CatalogSources.INSTACART, dir), warn);
        Reader reader = new Reader(catalog, maxErrors, warn);
        readRows(baskets, "order_id,product_id,add_to_cart_order,reordered", reader, (line, f) -> {
            Long order = parseLong(f[0]);
            Long product = parseLong(f[1]);
            Long place = parseLong(f[2]);
            if (order == null || product == null || place == null || place < 1) {
                reader.malformed(line, "expected order_id,product_id,add_to_cart_order (from 1) as numbers");
                return;
            }
            reader.add("order-" + order, "ic-" + product, place, EventType.PURCHASE, null);
        });
        return reader.finish();
    }

    public static EvaluationData csv(Path interactions, Path catalogFile, int maxErrors, Consumer<String> warn)
            throws IOException {
        if (!Files.isRegularFile(interactions)) {
            throw new LoadException("interactions file " + interactions + " does not exist");
        }
        Catalog catalog = readCatalog(CatalogSources.open(CatalogSources.JSONL, catalogFile), warn);
        Reader reader = new Reader(catalog, maxErrors, warn);
        try (BufferedReader in = Files.newBufferedReader(interactions, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new LoadException(interactions + " is empty");
            }
            Map<String, Integer> columns = new HashMap<>();
            String[] names = header.strip().split(",", -1);
            for (int i = 0; i < names.length; i++) {
                columns.put(names[i].strip().toLowerCase(Locale.ROOT), i);
            }
            for (String required : List.of("user", "item", "ts")) {
                if (!columns.containsKey(required)) {
                    throw new LoadException(interactions + " line 1: the header must name the columns user,item,ts"
                            + " (and optionally type, rating); got " + header.strip());
                }
            }
            int user = columns.get("user");
            int item = columns.get("item");
            int ts = columns.get("ts");
            Integer type = columns.get("type");
            Integer rating = columns.get("rating");
            long line = 1;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                String[] f = text.split(",", -1);
                if (f.length != names.length) {
                    reader.malformed(line, "expected " + names.length + " fields, got " + f.length);
                    continue;
                }
                Long time = parseTime(f[ts]);
                if (f[user].isBlank() || f[item].isBlank() || time == null) {
                    reader.malformed(
                            line,
                            "user and item must not be empty and ts must be epoch milliseconds or an"
                                    + " ISO-8601 instant");
                    continue;
                }
                Double value = null;
                if (rating != null && !f[rating].isBlank()) {
                    value = parseDouble(f[rating]);
                    if (value == null) {
                        reader.malformed(line, "rating '" + f[rating] + "' is not a number");
                        continue;
                    }
                }
                EventType eventType;
                try {
                    eventType = type != null && !f[type].isBlank()
                            ? EventType.fromJson(f[type].strip().toLowerCase(Locale.ROOT))
                            : value != null ? EventType.RATE : EventType.VIEW;
                } catch (InvalidRecordException e) {
                    reader.malformed(line, e.getMessage());
                    continue;
                }
                if (eventType == EventType.RATE && value == null) {
                    reader.malformed(line, "a rate event needs a rating");
                    continue;
                }
                reader.add(f[user].strip(), f[item].strip(), time, eventType, value);
            }
        }
        return reader.finish();
    }

    /** One data row of a file with a fixed header. */
    @FunctionalInterface
    private interface RowHandler {
        void row(long line, String[] fields);
    }

    /**
     * Reads a CSV file whose first line must be {@code header}: every non-blank line with as many fields as
     * the header goes to {@code handler}; a line with another count is reported as malformed.
     */
    private static void readRows(Path file, String header, Reader reader, RowHandler handler) throws IOException {
        int fields = header.split(",", -1).length;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null || !first.strip().equals(header)) {
                throw new LoadException(file + " line 1: expected the header " + header);
            }
            long line = 1;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                String[] f = text.split(",", -1);
                if (f.length != fields) {
                    reader.malformed(line, "expected " + fields + " fields, got " + f.length);
                    continue;
                }
                handler.row(line, f);
            }
        }
    }

    private record Catalog(List<CatalogItem> items, Map<String, Integer> index, long errors) {}

    private static Catalog readCatalog(CatalogSource source, Consumer<String> warn) throws IOException {
        List<CatalogItem> items = new ArrayList<>();
        long[] errors = {0};
        source.read(items::add, error -> {
            if (errors[0]++ < 10) {
                warn.accept("catalog " + error);
            }
        });
        if (items.isEmpty()) {
            throw new LoadException("the catalog " + source.description() + " has no valid items");
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        List<CatalogItem> unique = new ArrayList<>();
        for (CatalogItem item : items) {
            if (index.putIfAbsent(item.itemId(), unique.size()) == null) {
                unique.add(item);
            }
        }
        return new Catalog(unique, index, errors[0]);
    }

    /** Accumulates rows into shopper and item tables. */
    private static final class Reader {
        private final Catalog catalog;
        private final int maxErrors;
        private final Consumer<String> warn;
        private final Map<String, Integer> users = new LinkedHashMap<>();
        private final List<Interaction> interactions = new ArrayList<>();
        private final List<String> unknownIds = new ArrayList<>();
        private long rows;
        private long malformed;
        private long unknown;

        Reader(Catalog catalog, int maxErrors, Consumer<String> warn) {
            this.catalog = catalog;
            this.maxErrors = maxErrors;
            this.warn = warn;
        }

        void malformed(long line, String reason) {
            malformed++;
            warn.accept("line " + line + ": " + reason + "; row skipped");
            if (malformed > maxErrors) {
                throw new LoadException(
                        "more than " + maxErrors + " malformed rows (raise --max-errors to load anyway)");
            }
        }

        void add(String user, String item, long ts, EventType type, Double value) {
            rows++;
            Integer itemIndex = catalog.index().get(item);
            if (itemIndex == null) {
                unknown++;
                if (unknownIds.size() < 10 && !unknownIds.contains(item)) {
                    unknownIds.add(item);
                }
                return;
            }
            int userIndex = users.computeIfAbsent(user, u -> users.size());
            interactions.add(new Interaction(userIndex, itemIndex, ts, type, value));
        }

        EvaluationData finish() {
            if (unknown > 0) {
                warn.accept(unknown + " rows name items not in the catalog and were not loaded (e.g. "
                        + String.join(", ", unknownIds) + ")");
            }
            List<CatalogItem> items = catalog.items();
            List<String> itemIds = items.stream().map(CatalogItem::itemId).toList();
            Dataset dataset = new Dataset(List.copyOf(users.keySet()), itemIds, interactions);
            return new EvaluationData(
                    dataset,
                    items,
                    new LoadReport(rows + malformed, malformed, unknown, List.copyOf(unknownIds), catalog.errors()));
        }
    }

    private static Double parseDouble(String text) {
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseTime(String text) {
        Long millis = parseLong(text);
        if (millis != null) {
            return millis;
        }
        try {
            return Instant.parse(text.strip()).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
