package dev.recsys.index.catalog;

import dev.recsys.ranker.records.CatalogItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A synthetic but realistic e-commerce catalog for the demo, tests and benchmarks: eight top-level
 * categories with three or four subcategories each, brands per category, titles such as {@code "Aurora
 * Noise-Cancelling Over-Ear Headphones, 40h Battery, Black"} composed from per-category words, short
 * descriptions, tags, category-typical prices and a few attributes.
 *
 * <p>Sellers follow a Zipf-like size distribution ({@value #SELLERS} sellers, weight {@code rank^-}{@value
 * #ZIPF_EXPONENT}): at 6,000 items the largest holds about 29%, the top five about 59%, and the smallest
 * a dozen items each, the skew that makes per-seller fairness caps matter. A seller's tier is {@code
 * large} from a {@value #LARGE_SHARE} share of the items, {@code mid} from {@value #MID_SHARE}, else
 * {@code small}; large sellers sell in every category, mid ones in three, small ones in one or two.
 *
 * <p>Output depends only on {@code count} and {@code seed} (one seeded {@link Random}; dates count back
 * from the fixed {@link #REFERENCE_TIME}), so the same call gives the same catalog on every machine.
 */
public final class SampleCatalog {
    /** Items are created within the two years before this instant. */
    public static final Instant REFERENCE_TIME = Instant.parse("2025-01-01T00:00:00Z");

    public static final int SELLERS = 72;
    public static final double ZIPF_EXPONENT = 1.2;
    public static final double LARGE_SHARE = 0.03;
    public static final double MID_SHARE = 0.005;
    public static final double IN_STOCK_RATE = 0.95;
    public static final int MAX_COUNT = 999_999;

    private static final long TWO_YEARS_SECONDS = Duration.ofDays(730).toSeconds();
    private static final List<String> GENERIC_TAGS =
            List.of("bestseller", "new arrival", "gift idea", "eco-friendly", "limited edition", "staff pick");

    private SampleCatalog() {}

    /** {@code count} items with ids {@code p-000001 … }, deterministic in {@code count} and {@code seed}. */
    public static List<CatalogItem> generate(int count, long seed) {
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be between 0 and " + MAX_COUNT + ", got " + count);
        }
        Random random = new Random(seed);
        List<Seller> sellers = sellers(count, random);
        List<Seller> owners = new ArrayList<>(count);
        for (Seller seller : sellers) {
            for (int i = 0; i < seller.quota(); i++) {
                owners.add(seller);
            }
        }
        Collections.shuffle(owners, random);
        List<CatalogItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(item(String.format(Locale.ROOT, "p-%06d", i + 1), owners.get(i), random));
        }
        return items;
    }

    /** Largest {@code count} {@link #stream} accepts. */
    public static final long MAX_STREAM_COUNT = 1_000_000_000L;

    /**
     * Streams {@code count} items of the same kind as {@link #generate} to {@code sink}, one at a time, in
     * constant memory: ids {@code p-000001 …} (zero-padded to at least six digits, wider when {@code count}
     * needs it), deterministic in {@code count} and {@code seed}.
     *
     * <p>The sellers, their tiers and categories are those {@link #generate} makes, but each item draws
     * its seller at random with the Zipf weights instead of from exact quotas, so seller sizes match the
     * law only on average and the items differ from {@code generate(count, seed)} with the same arguments
     * (use {@code generate} where exact shares or its output matter).
     */
    public static void stream(long count, long seed, Consumer<CatalogItem> sink) {
        if (count < 0 || count > MAX_STREAM_COUNT) {
            throw new IllegalArgumentException("count must be between 0 and " + MAX_STREAM_COUNT + ", got " + count);
        }
        Objects.requireNonNull(sink, "sink");
        Random random = new Random(seed);
        List<Seller> sellers = sellers((int) Math.min(count, MAX_COUNT), random);
        double[] cumulative = new double[SELLERS];
        double total = 0;
        for (int i = 0; i < SELLERS; i++) {
            total += Math.pow(i + 1, -ZIPF_EXPONENT);
            cumulative[i] = total;
        }
        int width = Math.max(6, Long.toString(count).length());
        String format = "p-%0" + width + "d";
        for (long i = 0; i < count; i++) {
            double u = random.nextDouble() * total;
            int index = Arrays.binarySearch(cumulative, u);
            int seller = Math.min(SELLERS - 1, index >= 0 ? index + 1 : -index - 1);
            sink.accept(item(String.format(Locale.ROOT, format, i + 1), sellers.get(seller), random));
        }
    }

    private record Seller(String id, String tier, int quota, List<Top> tops) {}

    private static List<Seller> sellers(int count, Random random) {
        double[] weights = new double[SELLERS];
        double total = 0;
        for (int i = 0; i < SELLERS; i++) {
            weights[i] = Math.pow(i + 1, -ZIPF_EXPONENT);
            total += weights[i];
        }
        // Largest-remainder apportionment: quotas sum to count exactly.
        int[] quotas = new int[SELLERS];
        double[] remainders = new double[SELLERS];
        int assigned = 0;
        for (int i = 0; i < SELLERS; i++) {
            double exact = count * weights[i] / total;
            quotas[i] = (int) Math.floor(exact);
            remainders[i] = exact - quotas[i];
            assigned += quotas[i];
        }
        Integer[] order = new Integer[SELLERS];
        for (int i = 0; i < SELLERS; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order, (a, b) -> remainders[a] != remainders[b] ? Double.compare(remainders[b], remainders[a]) : a - b);
        for (int i = 0; assigned < count; i++, assigned++) {
            quotas[order[i % SELLERS]]++;
        }
        List<Seller> sellers = new ArrayList<>(SELLERS);
        for (int i = 0; i < SELLERS; i++) {
            double share = weights[i] / total;
            String tier = share >= LARGE_SHARE ? "large" : share >= MID_SHARE ? "mid" : "small";
            int categories =
                    switch (tier) {
                        case "large" -> TOPS.size();
                        case "mid" -> 3;
                        default -> 1 + random.nextInt(2);
                    };
            List<Top> shuffled = new ArrayList<>(TOPS);
            Collections.shuffle(shuffled, random);
            String id = String.format(Locale.ROOT, "seller-%03d", i + 1);
            sellers.add(new Seller(id, tier, quotas[i], List.copyOf(shuffled.subList(0, categories))));
        }
        return sellers;
    }

    private static CatalogItem item(String itemId, Seller seller, Random random) {
        Top top = pick(seller.tops(), random);
        Leaf leaf = pick(top.leaves(), random);
        String brand = pick(top.brands(), random);
        String modifier = pick(leaf.modifiers(), random);
        String noun = pick(leaf.nouns(), random);
        String feature = pick(leaf.features(), random);
        String variant = pick(top.variants(), random);
        String title = leaf.titleFormat()
                .replace("{brand}", brand)
                .replace("{mod}", modifier)
                .replace("{noun}", noun)
                .replace("{feature}", feature)
                .replace("{variant}", variant);

        List<String> pool = new ArrayList<>(leaf.sentences());
        pool.addAll(top.sentences());
        Collections.shuffle(pool, random);
        int sentences = 1 + random.nextInt(3);
        StringBuilder description = new StringBuilder();
        for (String sentence : pool.subList(0, sentences)) {
            if (!description.isEmpty()) {
                description.append(' ');
            }
            description.append(sentence.replace("{brand}", brand)
                    .replace("{mod}", modifier.toLowerCase(Locale.ROOT))
                    .replace("{noun}", noun.toLowerCase(Locale.ROOT))
                    .replace("{feature}", feature)
                    .replace("{variant}", variant));
        }

        Set<String> tags = new LinkedHashSet<>();
        tags.add(pick(leaf.tags(), random));
        tags.add(pick(leaf.tags(), random));
        tags.add(modifier.toLowerCase(Locale.ROOT));
        if (random.nextDouble() < 0.3) {
            tags.add(pick(GENERIC_TAGS, random));
        }

        double logMin = Math.log(leaf.minPrice());
        double logMax = Math.log(leaf.maxPrice());
        double raw = Math.exp(logMin + random.nextDouble() * (logMax - logMin));
        double price = Math.round((Math.floor(raw) + 0.99) * 100) / 100.0;

        boolean inStock = random.nextDouble() < IN_STOCK_RATE;
        Instant createdAt = REFERENCE_TIME.minusSeconds(1 + (long) (random.nextDouble() * TWO_YEARS_SECONDS));

        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(top.variantKey(), variant);
        if (leaf.secondKey() != null) {
            attributes.put(leaf.secondKey(), pick(leaf.secondValues(), random));
        }
        return new CatalogItem(
                itemId,
                title,
                description.toString(),
                leaf.path(),
                brand,
                List.copyOf(tags),
                seller.id(),
                seller.tier(),
                price,
                inStock,
                createdAt,
                attributes);
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    // ---- vocabulary --------------------------------------------------------------------------

    private static final String DEFAULT_TITLE = "{brand} {mod} {noun}, {feature}, {variant}";

    private record Top(
            String name,
            List<String> brands,
            String variantKey,
            List<String> variants,
            List<String> sentences,
            List<Leaf> leaves) {}

    /** Words are {@code |}-separated in the constructor helpers below to keep the tables readable. */
    private record Leaf(
            String path,
            List<String> nouns,
            List<String> modifiers,
            List<String> features,
            List<String> tags,
            List<String> sentences,
            double minPrice,
            double maxPrice,
            String titleFormat,
            String secondKey,
            List<String> secondValues) {}

    private static List<String> words(String bar) {
        return List.of(bar.split("\\|"));
    }

    private static Leaf leaf(
            String path,
            String nouns,
            String modifiers,
            String features,
            String tags,
            double minPrice,
            double maxPrice,
            String... sentences) {
        return new Leaf(
                path,
                words(nouns),
                words(modifiers),
                words(features),
                words(tags),
                List.of(sentences),
                minPrice,
                maxPrice,
                DEFAULT_TITLE,
                null,
                null);
    }

    private static Leaf withSecond(Leaf leaf, String key, String values) {
        return new Leaf(
                leaf.path(),
                leaf.nouns(),
                leaf.modifiers(),
                leaf.features(),
                leaf.tags(),
                leaf.sentences(),
                leaf.minPrice(),
                leaf.maxPrice(),
                leaf.titleFormat(),
                key,
                words(values));
    }

    private static Leaf withTitle(Leaf leaf, String format) {
        return new Leaf(
                leaf.path(),
                leaf.nouns(),
                leaf.modifiers(),
                leaf.features(),
                leaf.tags(),
                leaf.sentences(),
                leaf.minPrice(),
                leaf.maxPrice(),
                format,
                leaf.secondKey(),
                leaf.secondValues());
    }

    private static final String BOOK_TITLE = "{mod} {noun}: {feature}, {variant}";
    private static final String CLOTHES_SIZES = "XS|S|M|L|XL|XXL";
    private static final String SHOE_SIZES = "UK 5|UK 6|UK 7|UK 8|UK 9|UK 10|UK 11|UK 12";

    private static final List<Top> TOPS = List.of(
            new Top(
                    "electronics",
                    words("Aurora|Voltix|Nordsound|Pixelcraft|Kestrel|Lumen|Orbitron"),
                    "colour",
                    words("Black|White|Silver|Midnight Blue|Graphite|Rose Gold"),
                    List.of(
                            "Comes with a two-year manufacturer warranty.",
                            "Firmware updates add new features over time."),
                    List.of(
                            leaf(
                                    "electronics>audio>headphones",
                                    "Over-Ear Headphones|On-Ear Headphones|Wireless Earbuds|Studio Headphones|Sports Earphones",
                                    "Noise-Cancelling|Wireless|Bluetooth|Foldable|Hi-Res|Lightweight",
                                    "40h Battery|Active Noise Cancellation|USB-C Fast Charging|Built-In Microphone|Multipoint Pairing|Sweat-Resistant",
                                    "headphones|audio|music|wireless|travel|commute",
                                    19,
                                    399,
                                    "Immerse yourself in rich, detailed sound with the {brand} {noun}.",
                                    "Soft memory-foam cushions keep them comfortable through long listening sessions.",
                                    "{feature} means fewer interruptions on the daily commute.",
                                    "Pairs in seconds with phones, tablets and laptops."),
                            leaf(
                                    "electronics>audio>speakers",
                                    "Bluetooth Speaker|Smart Speaker|Soundbar|Bookshelf Speakers|Party Speaker",
                                    "Portable|Waterproof|Compact|Wireless|Room-Filling",
                                    "360° Sound|IPX7 Waterproof|20h Playtime|Voice Assistant|Deep Bass|Stereo Pairing",
                                    "speaker|audio|music|party|home audio",
                                    25,
                                    599,
                                    "The {brand} {noun} fills any room with clear, balanced sound.",
                                    "Punchy bass and crisp vocals at any volume.",
                                    "Take it to the beach, the garden or the kitchen."),
                            leaf(
                                    "electronics>computers>keyboards",
                                    "Mechanical Keyboard|Wireless Keyboard|Gaming Keyboard|Ergonomic Keyboard|Compact Keyboard",
                                    "Backlit|Low-Profile|Hot-Swappable|Quiet|Tenkeyless",
                                    "RGB Lighting|Brown Switches|Bluetooth 5.1|Aluminium Frame|USB-C|Wrist Rest",
                                    "keyboard|computer accessories|gaming|office|typing",
                                    29,
                                    249,
                                    "A {mod} {noun} built for hours of comfortable typing.",
                                    "Every key is rated for fifty million presses.",
                                    "Connects to Windows, macOS and Linux without drivers."),
                            leaf(
                                    "electronics>wearables>smartwatches",
                                    "Smartwatch|Fitness Tracker|GPS Running Watch|Sleep Tracker Band",
                                    "Slim|Rugged|AMOLED|Waterproof|Solar",
                                    "Heart-Rate Monitor|7-Day Battery|Built-In GPS|Sleep Tracking|NFC Payments|SpO2 Sensor",
                                    "smartwatch|fitness|wearable|health|running",
                                    39,
                                    499,
                                    "Track workouts, sleep and heart rate with the {brand} {noun}.",
                                    "Notifications from your phone arrive on your wrist.",
                                    "{feature} keeps you informed all day."))),
            new Top(
                    "home",
                    words("Hearth & Co|Casaluna|Oakline|Maison Verte|Kitchara|Nordhem"),
                    "colour",
                    words("Charcoal|Cream|Sage Green|Terracotta|Slate Grey|Ivory"),
                    List.of(
                            "Designed to last for years of everyday use.",
                            "Thoughtfully packed in plastic-free packaging."),
                    List.of(
                            withSecond(
                                    leaf(
                                            "home>kitchen>cookware",
                                            "Frying Pan|Saucepan Set|Dutch Oven|Wok|Stockpot|Skillet",
                                            "Non-Stick|Enamelled|Tri-Ply|Induction-Ready|Pre-Seasoned",
                                            "28 cm|Oven-Safe to 260°C|PFOA-Free Coating|Glass Lid|Dishwasher-Safe|Stay-Cool Handle",
                                            "cookware|kitchen|cooking|pans|induction",
                                            15,
                                            329,
                                            "The {brand} {noun} heats evenly for perfect searing and simmering.",
                                            "Works on gas, electric and induction hobs.",
                                            "{feature} makes weeknight cooking easier."),
                                    "material",
                                    "Cast Iron|Stainless Steel|Aluminium|Carbon Steel"),
                            withSecond(
                                    leaf(
                                            "home>kitchen>knives",
                                            "Chef's Knife|Santoku Knife|Knife Block Set|Paring Knife|Bread Knife",
                                            "Japanese|Forged|Damascus|Professional|Ultra-Sharp",
                                            "20 cm Blade|High-Carbon Steel|Full Tang|Ergonomic Handle|Gift Box",
                                            "knives|kitchen|cooking|chef|cutlery",
                                            12,
                                            279,
                                            "A {mod} {noun} that glides through vegetables, meat and fish.",
                                            "Hand-sharpened to a razor edge and balanced for control.",
                                            "Hand wash and dry to keep the edge keen."),
                                    "material",
                                    "Stainless Steel|Damascus Steel|Carbon Steel|Ceramic"),
                            withSecond(
                                    leaf(
                                            "home>bedding>sheets",
                                            "Bed Sheet Set|Duvet Cover|Fitted Sheet|Pillowcases|Quilt",
                                            "Organic Cotton|Linen|Percale|Sateen|Bamboo",
                                            "King Size|Double|400 Thread Count|Deep Pocket|Oeko-Tex Certified",
                                            "bedding|bedroom|sheets|sleep|cotton",
                                            19,
                                            189,
                                            "Breathable {mod} bedding for a cool, restful night.",
                                            "Gets softer with every wash.",
                                            "The {brand} {noun} is woven from long-staple fibres."),
                                    "size",
                                    "Single|Double|King|Super King"),
                            leaf(
                                    "home>decor>lamps",
                                    "Table Lamp|Floor Lamp|Desk Lamp|Pendant Light|Bedside Lamp",
                                    "Dimmable|Scandinavian|Industrial|Ceramic|Rattan",
                                    "LED Bulb Included|Touch Control|USB Charging Port|Warm White|Adjustable Arm",
                                    "lighting|lamp|home decor|living room|bedroom",
                                    18,
                                    259,
                                    "A {mod} {noun} that adds warm light to any corner.",
                                    "Easy to assemble in minutes.",
                                    "{feature} for a cosy reading light."))),
            new Top(
                    "fashion",
                    words("Stride|Northpeak|Velora|Urban Fox|Kinetic|Alder & Ash"),
                    "colour",
                    words("Black|Navy|Olive|Sand|Burgundy|White"),
                    List.of("Free returns within 30 days.", "Made in a certified fair-labour factory."),
                    List.of(
                            withSecond(
                                    leaf(
                                            "fashion>shoes>running",
                                            "Running Shoes|Trail Running Shoes|Racing Flats|Road Running Trainers",
                                            "Lightweight|Cushioned|Breathable|Responsive|Stability",
                                            "Carbon Plate|Grippy Outsole|Knit Upper|Reflective Details|Wide Fit",
                                            "running|shoes|trainers|marathon|sport",
                                            39,
                                            249,
                                            "{mod} {noun} with a springy foam midsole for long runs.",
                                            "The breathable upper keeps feet cool mile after mile.",
                                            "{feature} for confident strides on road and trail."),
                                    "size",
                                    SHOE_SIZES),
                            withSecond(
                                    leaf(
                                            "fashion>shoes>boots",
                                            "Chelsea Boots|Hiking Boots|Ankle Boots|Winter Boots",
                                            "Leather|Waterproof|Suede|Insulated|Lace-Up",
                                            "Vibram Sole|Shearling Lining|Goodyear Welted|Side Zip",
                                            "boots|shoes|winter|hiking|leather",
                                            49,
                                            289,
                                            "{mod} {noun} that keep feet dry and warm all winter.",
                                            "A cushioned footbed supports you on long walks.",
                                            "Built to be resoled and worn for years."),
                                    "size",
                                    SHOE_SIZES),
                            withSecond(
                                    leaf(
                                            "fashion>outerwear>jackets",
                                            "Rain Jacket|Puffer Jacket|Denim Jacket|Softshell Jacket|Parka",
                                            "Packable|Insulated|Waterproof|Recycled|Hooded",
                                            "Taped Seams|Down Fill|Adjustable Hood|Zip Pockets|Windproof",
                                            "jacket|outerwear|coat|rain|winter",
                                            35,
                                            349,
                                            "A {mod} {noun} for unpredictable weather.",
                                            "{feature} keeps the wind and rain out.",
                                            "Packs into its own pocket for travel."),
                                    "size",
                                    CLOTHES_SIZES),
                            leaf(
                                    "fashion>accessories>backpacks",
                                    "Backpack|Laptop Backpack|Rolltop Backpack|Daypack",
                                    "Water-Resistant|Anti-Theft|Minimalist|Canvas|Travel",
                                    "15.6-Inch Laptop Sleeve|25 L|USB Charging Port|Padded Straps|Hidden Pocket",
                                    "backpack|bags|travel|laptop bag|commute",
                                    25,
                                    179,
                                    "A {mod} {noun} with room for a laptop, lunch and a jacket.",
                                    "Padded straps spread the load on long days.",
                                    "{feature} keeps essentials organised."))),
            new Top(
                    "sports",
                    words("Summit|Trailhead|Peakform|Riverstone|Velo Pro|Zenflow"),
                    "colour",
                    words("Forest Green|Orange|Grey|Blue|Black|Red"),
                    List.of("Tested by athletes in real conditions.", "Backed by a lifetime repair promise."),
                    List.of(
                            leaf(
                                    "sports>outdoor>camping",
                                    "Camping Tent|Sleeping Bag|Camping Stove|Headlamp|Camping Chair",
                                    "Ultralight|2-Person|4-Season|Compact|Folding",
                                    "Quick Pitch|Waterproof Flysheet|-5°C Comfort|Rechargeable|Carry Bag Included",
                                    "camping|outdoor|hiking|backpacking|festival",
                                    15,
                                    499,
                                    "The {brand} {noun} is ready for weekends in the wild.",
                                    "{feature} so you can set up camp before dark.",
                                    "Weighs little and packs small for backpacking trips."),
                            withSecond(
                                    leaf(
                                            "sports>fitness>yoga",
                                            "Yoga Mat|Yoga Block Set|Resistance Bands|Foam Roller|Yoga Strap",
                                            "Non-Slip|Extra-Thick|Eco|Travel|Cork",
                                            "6 mm|Alignment Lines|Natural Rubber|Carry Strap|Sweat-Resistant",
                                            "yoga|fitness|pilates|home workout|stretching",
                                            9,
                                            129,
                                            "A {mod} {noun} for steady poses and comfortable stretches.",
                                            "Grips the floor even during hot yoga.",
                                            "{feature} for better alignment in every flow."),
                                    "material",
                                    "Natural Rubber|TPE|Cork|Foam"),
                            withSecond(
                                    leaf(
                                            "sports>cycling>helmets",
                                            "Road Bike Helmet|Mountain Bike Helmet|Commuter Helmet|Kids' Bike Helmet",
                                            "Aero|MIPS|Lightweight|Ventilated|Urban",
                                            "Rear LED Light|Adjustable Fit Dial|Removable Visor|22 Vents",
                                            "cycling|helmet|bike|safety|commute",
                                            29,
                                            299,
                                            "The {brand} {noun} protects you on every ride.",
                                            "Certified to EN 1078 safety standards.",
                                            "{feature} for comfort on long climbs."),
                                    "size",
                                    "S|M|L"))),
            new Top(
                    "beauty",
                    words("Lumiere|Botanica|Dermaclear|Velvet Bloom|Aquapure|The Glow Lab"),
                    "size",
                    words("30 ml|50 ml|100 ml|200 ml|250 ml"),
                    List.of("Dermatologically tested and cruelty-free.", "Comes in a recyclable glass bottle."),
                    List.of(
                            leaf(
                                    "beauty>skincare>moisturisers",
                                    "Face Moisturiser|Night Cream|Day Cream SPF 30|Hydrating Gel|Eye Cream",
                                    "Hydrating|Fragrance-Free|Anti-Ageing|Vegan|Lightweight",
                                    "Hyaluronic Acid|Niacinamide|Ceramides|For Sensitive Skin|Shea Butter",
                                    "skincare|moisturiser|face care|hydration|sensitive skin",
                                    6,
                                    89,
                                    "A {mod} {noun} that leaves skin soft and plump.",
                                    "Enriched with {feature} to restore the skin barrier.",
                                    "Absorbs quickly without a greasy finish."),
                            leaf(
                                    "beauty>haircare>shampoo",
                                    "Shampoo|Conditioner|Hair Mask|Dry Shampoo|Scalp Scrub",
                                    "Sulfate-Free|Volumising|Repairing|Clarifying|Curl-Defining",
                                    "Argan Oil|Tea Tree|Keratin|For Coloured Hair|Biotin",
                                    "haircare|shampoo|hair|curls|salon",
                                    4,
                                    49,
                                    "A {mod} {noun} for healthy, shiny hair.",
                                    "Infused with {feature} to nourish from root to tip.",
                                    "Gentle enough for daily use."),
                            leaf(
                                    "beauty>fragrance>perfume",
                                    "Eau de Parfum|Eau de Toilette|Body Mist|Perfume Oil",
                                    "Floral|Woody|Citrus|Oriental|Fresh",
                                    "Notes of Jasmine|Sandalwood Base|Long-Lasting|Travel Spray|Gift Set",
                                    "fragrance|perfume|scent|gift|luxury",
                                    12,
                                    180,
                                    "A {mod} {noun} that lingers from morning to evening.",
                                    "{feature} for a signature scent.",
                                    "Blended in Grasse by master perfumers."))),
            new Top(
                    "books",
                    words("Northwind Press|Harbour House|Quill & Ink|Blue Heron Books|Meridian"),
                    "format",
                    words("Paperback|Hardcover|Large Print|Audiobook CD"),
                    List.of("Published by {brand}.", "A perfect gift for keen readers."),
                    List.of(
                            withTitle(
                                    leaf(
                                            "books>fiction>thrillers",
                                            "Witness|Harbour|Protocol|Verdict|Signal|Cipher",
                                            "The Silent|The Last|Midnight|Cold|Dark|The Hidden",
                                            "A Detective Novel|A Psychological Thriller|A Spy Thriller|A Crime Novel",
                                            "thriller|crime|mystery|fiction|page-turner",
                                            5,
                                            29,
                                            "A twisting, gripping thriller you will read in one sitting.",
                                            "A detective races against time to uncover the truth.",
                                            "Secrets, lies and a killer who is always one step ahead."),
                                    BOOK_TITLE),
                            withTitle(
                                    leaf(
                                            "books>fiction>fantasy",
                                            "Throne|Kingdom|Forest|Oath|Tide",
                                            "The Dragon's|Shadow of the|The Iron|Crown of the|The Forgotten",
                                            "Book One of the Ember Saga|An Epic Fantasy|A Standalone Fantasy Novel",
                                            "fantasy|dragons|magic|fiction|epic",
                                            6,
                                            32,
                                            "An epic fantasy of dragons, magic and a kingdom on the brink.",
                                            "A reluctant heroine must choose between duty and freedom.",
                                            "Richly imagined world-building for fans of sweeping sagas."),
                                    BOOK_TITLE),
                            withTitle(
                                    leaf(
                                            "books>nonfiction>cookbooks",
                                            "Kitchen|Suppers|Baking|Feasts|Family Cooking",
                                            "Simple|Weeknight|The Vegetarian|Mediterranean|Everyday",
                                            "100 Easy Recipes|Cooking for Two|Plant-Based Recipes|Quick Family Meals",
                                            "cookbook|recipes|cooking|food|vegetarian",
                                            9,
                                            40,
                                            "Delicious, achievable recipes for every day of the week.",
                                            "Beautiful photography and clear step-by-step instructions.",
                                            "From quick suppers to slow weekend feasts."),
                                    BOOK_TITLE))),
            new Top(
                    "toys",
                    words("Brickly|Playwise|Tumbletown|Little Oak|Funforge"),
                    "age",
                    words("3+|6+|8+|12+"),
                    List.of("Safety tested to EN 71.", "Hours of screen-free fun for the whole family."),
                    List.of(
                            leaf(
                                    "toys>building>blocks",
                                    "Building Blocks Set|Construction Kit|Magnetic Tiles|Marble Run",
                                    "Creative|Classic|Space Station|Castle|City",
                                    "500 Pieces|Storage Box|Compatible with Major Brands|STEM Learning",
                                    "building blocks|construction|stem|creative play|toys",
                                    9,
                                    149,
                                    "Build, rebuild and imagine with the {brand} {noun}.",
                                    "Develops fine motor skills and creativity.",
                                    "{feature} for endless building ideas."),
                            leaf(
                                    "toys>games>board-games",
                                    "Board Game|Card Game|Strategy Game|Party Game|Puzzle Game",
                                    "Family|Cooperative|Classic|Fast-Paced|Travel",
                                    "2-6 Players|30 Minutes|Ages 8 and Up|Award-Winning",
                                    "board games|family games|games night|strategy|party",
                                    8,
                                    69,
                                    "A {mod} {noun} that brings everyone to the table.",
                                    "Easy to learn, hard to master.",
                                    "{feature} of laughter and friendly rivalry."),
                            leaf(
                                    "toys>plush>stuffed-animals",
                                    "Teddy Bear|Plush Bunny|Stuffed Dinosaur|Cuddly Elephant|Plush Unicorn",
                                    "Super-Soft|Giant|Organic|Sleepy|Classic",
                                    "30 cm|Machine-Washable|Embroidered Eyes|Gift Ribbon",
                                    "plush|soft toys|teddy|baby gift|cuddly",
                                    7,
                                    59,
                                    "A {mod} {noun} to cuddle at bedtime.",
                                    "Made from soft, child-safe materials.",
                                    "A treasured first friend for little ones."))),
            new Top(
                    "grocery",
                    words("Highland Roast|Green Leaf|Cocoa & Co|Pantry Fields|Tidewater"),
                    "size",
                    words("100 g|250 g|500 g|1 kg|12 Pack"),
                    List.of("Packed fresh in a resealable bag.", "Sourced directly from growers we know."),
                    List.of(
                            leaf(
                                    "grocery>pantry>coffee",
                                    "Whole Bean Coffee|Ground Coffee|Coffee Pods|Instant Coffee|Cold Brew Blend",
                                    "Dark Roast|Medium Roast|Single-Origin|Espresso|Decaf",
                                    "Fairtrade|Organic|Arabica|Notes of Chocolate|Ethiopian",
                                    "coffee|caffeine|breakfast|espresso|barista",
                                    4,
                                    39,
                                    "A {mod} {noun} with a smooth, rich finish.",
                                    "Roasted in small batches for peak freshness.",
                                    "{feature} beans for your morning cup."),
                            leaf(
                                    "grocery>pantry>tea",
                                    "Green Tea|Black Tea|Herbal Tea|Chai|Matcha Powder",
                                    "Loose Leaf|Organic|Earl Grey|Peppermint|Jasmine",
                                    "40 Tea Bags|Caffeine-Free|Rainforest Alliance|Ceremonial Grade",
                                    "tea|herbal|breakfast|wellness|infusion",
                                    3,
                                    29,
                                    "A fragrant {mod} {noun} to brew any time of day.",
                                    "Steep for three minutes for the perfect cup.",
                                    "{feature} and full of flavour."),
                            leaf(
                                    "grocery>snacks>chocolate",
                                    "Dark Chocolate Bar|Milk Chocolate|Truffles|Chocolate Coated Almonds|Hot Chocolate",
                                    "70% Cocoa|Sea Salt|Salted Caramel|Hazelnut|Vegan",
                                    "Fairtrade Cocoa|Gift Box|Sharing Bag|Single-Origin",
                                    "chocolate|snacks|treats|gift|sweets",
                                    2,
                                    35,
                                    "Indulgent {mod} {noun} made with care.",
                                    "Melts smoothly for a rich, lasting taste.",
                                    "{feature} for sharing, or not."))));
}
