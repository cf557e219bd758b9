package dev.recsys.index.catalog.sources;

import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Instacart Online Grocery Shopping Dataset 2017 product list as a catalog: {@code products.csv}
 * ({@code product_id,product_name,aisle_id,department_id}) with {@code aisles.csv} and {@code
 * departments.csv} beside it. The path is the folder or {@code products.csv} itself.
 *
 * <p>Mapping from the data: {@code itemId = "ic-" + product_id}, {@code title = product_name}, {@code
 * category = department + ">" + aisle} (e.g. {@code "snacks>cookies cakes"}), {@code brand} = a
 * well-known brand when the product name starts with one from a short curated list (e.g. {@code "Special
 * K"}, {@code "Oikos"}), else empty; tags are the department and the aisle; attributes keep the original
 * ids ({@code aisleId}, {@code departmentId}).
 *
 * <p><b>Synthetic fields.</b> Instacart has no sellers, prices, stock or dates; they are made up
 * deterministically from the product id with a seeded hash (see {@link SyntheticFields}), so that
 * fairness, price filters and "new item" candidates have something realistic to work on:
 *
 * <ul>
 *   <li>{@code sellerId} {@code "ic-seller-NNN"}: Zipf-like over {@value #SELLERS} sellers (the largest
 *       holds about a fifth of the products), {@code sellerTier} large/mid/small by share;
 *   <li>{@code price}: log-uniform in a range typical of the aisle (a department range, narrowed per aisle
 *       by a hash of the aisle id), ending in .99 or .49;
 *   <li>{@code inStock}: true for about {@value #IN_STOCK_RATE} of the products;
 *   <li>{@code createdAt}: uniform over the two years before {@link SyntheticFields#REFERENCE_TIME}.
 * </ul>
 *
 * A row with a bad id, an unknown aisle or department, an empty name or the wrong number of columns goes
 * to the errors with its line and column name.
 */
public final class InstacartSource implements CatalogSource {
    public static final int SELLERS = 200;
    public static final double IN_STOCK_RATE = 0.95;

    static final List<String> HEADER = List.of("product_id", "product_name", "aisle_id", "department_id");

    /** Product-name prefixes that are unambiguous brands (ambiguous ones such as "All" are left out). */
    static final List<String> BRANDS = List.of(
            "Special K",
            "Oikos",
            "Eggo",
            "Smart Ones",
            "Oreo",
            "Goldfish",
            "Fancy Feast",
            "Activia",
            "Kellogg's",
            "Almond Breeze",
            "Keurig",
            "Hershey's",
            "Philadelphia",
            "Pure Leaf",
            "Purina",
            "Danimals",
            "Velveeta",
            "Vitaminwater",
            "Gillette",
            "Reese's",
            "Friskies",
            "Ritz",
            "Nestle",
            "Wheat Thins",
            "Happy Baby",
            "Triscuit",
            "Pepperidge Farm",
            "Febreze",
            "Wrigley's",
            "Tidy Cats",
            "Go-Gurt",
            "Cheez-It",
            "Classico",
            "Smartwater",
            "Talenti",
            "KIND",
            "Cheerios",
            "Tostitos",
            "Beggin'",
            "Band-Aid",
            "Clif",
            "Vicks",
            "Pillsbury",
            "Annie's",
            "Clorox",
            "M&M's",
            "Doritos",
            "Olay",
            "McCormick",
            "Bounty",
            "Lipton",
            "Smartfood",
            "Jack Daniel's",
            "L'Oreal",
            "Edy's",
            "Arm & Hammer",
            "Old Spice",
            "Cheetos",
            "Hefty",
            "Jimmy Dean",
            "Lay's",
            "Stonyfield",
            "Scrubbing Bubbles",
            "Quaker",
            "Old El Paso",
            "Nutella",
            "Aquaphor",
            "Cottonelle",
            "Johnson's",
            "Kikkoman",
            "Starbucks",
            "Lundberg",
            "Jif",
            "Thai Kitchen",
            "Ken's",
            "Frito Lay",
            "Simply Organic",
            "Traditional Medicinals",
            "Popchips",
            "Pantene",
            "Barilla",
            "Pringles",
            "Swanson",
            "Oscar Mayer",
            "Pepsi",
            "Dr. Bronner's",
            "Ronzoni",
            "Frontera",
            "Angel Soft",
            "Cracker Barrel",
            "Birds Eye",
            "Neosporin",
            "Hot Pockets",
            "Nature's Path",
            "Irish Spring",
            "Downy",
            "Del Monte",
            "Gerber",
            "Newman's Own",
            "Eucerin",
            "Crest",
            "One A Day",
            "Stacy's",
            "U by Kotex",
            "Fage",
            "Rao's",
            "Perrier",
            "Babybel",
            "Pampers",
            "Benadryl",
            "Bolthouse Farms",
            "Pledge",
            "Cape Cod",
            "Blue Diamond",
            "Windex",
            "Hormel",
            "Cascade");

    /** Typical price ranges per department (USD), before the per-aisle narrowing. */
    private static final Map<String, double[]> DEPARTMENT_PRICES = Map.ofEntries(
            Map.entry("frozen", new double[] {2, 12}),
            Map.entry("other", new double[] {2, 20}),
            Map.entry("bakery", new double[] {2, 9}),
            Map.entry("produce", new double[] {0.5, 7}),
            Map.entry("alcohol", new double[] {6, 45}),
            Map.entry("international", new double[] {1.5, 9}),
            Map.entry("beverages", new double[] {1, 15}),
            Map.entry("pets", new double[] {2, 40}),
            Map.entry("dry goods pasta", new double[] {1, 7}),
            Map.entry("bulk", new double[] {2, 15}),
            Map.entry("personal care", new double[] {3, 25}),
            Map.entry("meat seafood", new double[] {4, 25}),
            Map.entry("pantry", new double[] {1.5, 12}),
            Map.entry("breakfast", new double[] {2, 9}),
            Map.entry("canned goods", new double[] {1, 6}),
            Map.entry("dairy eggs", new double[] {1, 10}),
            Map.entry("household", new double[] {2, 25}),
            Map.entry("babies", new double[] {2, 40}),
            Map.entry("snacks", new double[] {1.5, 8}),
            Map.entry("deli", new double[] {3, 14}),
            Map.entry("missing", new double[] {1, 15}));

    private static final double[] DEFAULT_PRICES = {1, 15};

    private final Path products;
    private final Path aisles;
    private final Path departments;
    private final SyntheticFields synthetic = new SyntheticFields("ic-seller", SELLERS);

    /** @param path the folder holding {@code products.csv}, or {@code products.csv} itself */
    public InstacartSource(Path path) {
        this(path, SourceFolders.ANYWHERE);
    }

    /**
     * @param path the folder holding {@code products.csv}, or {@code products.csv} itself
     * @param folders where the three files must lie (each is resolved there before it is opened)
     */
    public InstacartSource(Path path, SourceFolders folders) {
        Objects.requireNonNull(path, "path");
        Path given = Files.isDirectory(path) ? path.resolve("products.csv") : path;
        Path folder = given.toAbsolutePath().getParent();
        this.products = folders.resolve(given, "source");
        this.aisles = folders.resolve(folder.resolve("aisles.csv"), "source: the aisles.csv beside products.csv");
        this.departments =
                folders.resolve(folder.resolve("departments.csv"), "source: the departments.csv beside products.csv");
        for (Path file : List.of(products, aisles, departments)) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(
                        "source " + path + ": instacart needs " + file + ", which is missing");
            }
        }
    }

    @Override
    public String description() {
        return "instacart products.csv (" + products.getParent() + ")";
    }

    @Override
    public long estimatedSize() {
        return Records.estimateLines(products, 1);
    }

    @Override
    public void read(Consumer<CatalogItem> items, Consumer<LineError> errors) throws IOException {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(errors, "errors");
        Map<Long, String> aisleNames = names(aisles, "aisle_id", "aisle");
        Map<Long, String> departmentNames = names(departments, "department_id", "department");
        Set<Long> seen = new HashSet<>();
        try (CsvReader csv = new CsvReader(Files.newBufferedReader(products, StandardCharsets.UTF_8))) {
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
                if (row.fields().size() == 1 && row.fields().get(0).isBlank()) {
                    continue;
                }
                try {
                    CatalogItem item = item(row, aisleNames, departmentNames);
                    long id = Long.parseLong(row.fields().get(0).strip());
                    if (!seen.add(id)) {
                        errors.accept(new LineError(row.line(), "product_id", "duplicate id " + id));
                        continue;
                    }
                    LineError invalid = Records.check(item, row.line());
                    if (invalid != null) {
                        errors.accept(invalid);
                    } else {
                        items.accept(item);
                    }
                } catch (BadField e) {
                    errors.accept(new LineError(row.line(), e.field, e.getMessage()));
                }
            }
        } catch (CsvReader.MalformedCsvException e) {
            errors.accept(new LineError(e.line(), null, e.getMessage()));
        }
    }

    private CatalogItem item(CsvReader.Row row, Map<Long, String> aisleNames, Map<Long, String> departmentNames) {
        List<String> fields = row.fields();
        if (fields.size() != HEADER.size()) {
            throw new BadField(null, "expected " + HEADER.size() + " fields, got " + fields.size());
        }
        long id = number(fields.get(0), "product_id");
        String name = fields.get(1).strip();
        if (name.isEmpty()) {
            throw new BadField("product_name", "must not be empty");
        }
        long aisleId = number(fields.get(2), "aisle_id");
        String aisle = aisleNames.get(aisleId);
        if (aisle == null) {
            throw new BadField("aisle_id", "unknown aisle " + aisleId);
        }
        long departmentId = number(fields.get(3), "department_id");
        String department = departmentNames.get(departmentId);
        if (department == null) {
            throw new BadField("department_id", "unknown department " + departmentId);
        }
        double[] range = aisleRange(department, aisleId);
        return new CatalogItem(
                "ic-" + id,
                name,
                name + ". " + capitalised(aisle) + " from the " + department + " department.",
                department + ">" + aisle,
                brand(name),
                Records.cleanTags(List.of(department, aisle)),
                synthetic.sellerId(id),
                synthetic.sellerTier(id),
                SyntheticFields.price(id, range[0], range[1]),
                SyntheticFields.inStock(id, IN_STOCK_RATE),
                SyntheticFields.createdAt(id),
                Map.of("aisleId", Long.toString(aisleId), "departmentId", Long.toString(departmentId)));
    }

    /**
     * The aisle's typical price range: a window of a third of the department's (log) range, placed by a hash
     * of the aisle id, so products of one aisle have similar prices and aisles of a department differ.
     */
    static double[] aisleRange(String department, long aisleId) {
        double[] range = DEPARTMENT_PRICES.getOrDefault(department, DEFAULT_PRICES);
        double logMin = Math.log(range[0]);
        double span = Math.log(range[1]) - logMin;
        double start = logMin + SyntheticFields.unit(aisleId, 17) * span * 2 / 3;
        return new double[] {Math.exp(start), Math.exp(start + span / 3)};
    }

    /** The curated brand the name starts with (at a word boundary, any case), else empty. */
    static String brand(String name) {
        for (String brand : BRANDS) {
            if (name.regionMatches(true, 0, brand, 0, brand.length())
                    && (name.length() == brand.length() || !Character.isLetterOrDigit(name.charAt(brand.length())))) {
                return brand;
            }
        }
        return "";
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    private static long number(String text, String field) {
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadField(field, "expected a non-negative integer, got " + Excerpt.of(text));
    }

    /** id -> name from a two-column lookup file such as {@code aisles.csv}. */
    private static Map<Long, String> names(Path file, String idColumn, String nameColumn) throws IOException {
        Map<Long, String> names = new HashMap<>();
        try (CsvReader csv = new CsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            CsvReader.Row header = csv.read();
            if (header == null || !header.fields().equals(List.of(idColumn, nameColumn))) {
                throw new IOException(file + ": expected the header " + idColumn + "," + nameColumn);
            }
            for (CsvReader.Row row = csv.read(); row != null; row = csv.read()) {
                if (row.fields().size() != 2) {
                    continue;
                }
                try {
                    names.put(
                            Long.parseLong(row.fields().get(0).strip()),
                            row.fields().get(1).strip());
                } catch (NumberFormatException e) {
                    throw new IOException(file + ", line " + row.line() + ": " + idColumn + " is not a number");
                }
            }
        }
        return names;
    }

    /** A field at fault in one row, turned into a {@link LineError}. */
    static final class BadField extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String field;

        BadField(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
