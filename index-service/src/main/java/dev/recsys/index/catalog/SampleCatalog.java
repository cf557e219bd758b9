package dev.recsys.index.catalog;

import dev.recsys.index.catalog.SampleVocabulary.Leaf;
import dev.recsys.index.catalog.SampleVocabulary.Top;
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
 * from the fixed {@link #REFERENCE_TIME}), so the same call gives the same catalog on every machine. The
 * words are data, in {@link SampleVocabulary}.
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
        for (long i = 0; i < count; i++) {
            double u = random.nextDouble() * total;
            int index = Arrays.binarySearch(cumulative, u);
            int seller = Math.min(SELLERS - 1, index >= 0 ? index + 1 : -index - 1);
            sink.accept(item(streamedId(i + 1, count), sellers.get(seller), random));
        }
    }

    /** The id of item {@code n} (1-based) of {@link #stream}{@code (count, …)}: {@code p-000001 …}. */
    public static String streamedId(long n, long count) {
        int width = Math.max(6, Long.toString(count).length());
        return String.format(Locale.ROOT, "p-%0" + width + "d", n);
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
                        case "large" -> SampleVocabulary.TOPS.size();
                        case "mid" -> 3;
                        default -> 1 + random.nextInt(2);
                    };
            List<Top> shuffled = new ArrayList<>(SampleVocabulary.TOPS);
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
            tags.add(pick(SampleVocabulary.GENERIC_TAGS, random));
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
}
