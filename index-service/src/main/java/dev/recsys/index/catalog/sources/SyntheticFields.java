package dev.recsys.index.catalog.sources;

import dev.recsys.index.catalog.SampleCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Deterministic stand-ins for catalog fields a public data set lacks (seller, seller tier, price, stock,
 * creation time). <b>These values are synthetic</b>: they come from a seeded hash of the record's id and
 * a salt, not from the data, so the same record gets the same values on every machine and every pass,
 * and the per-seller fairness machinery has a realistic, skewed seller population to work on.
 *
 * <p>Sellers follow the same Zipf-like law as {@link SampleCatalog} ({@code rank^-}{@value #ZIPF_EXPONENT})
 * over {@code sellers} sellers; the tier is {@code large} from a {@value #LARGE_SHARE} share of the
 * items, {@code mid} from {@value #MID_SHARE}, else {@code small} (the thresholds of {@link SampleCatalog}).
 */
final class SyntheticFields {
    static final double ZIPF_EXPONENT = SampleCatalog.ZIPF_EXPONENT;
    static final double LARGE_SHARE = SampleCatalog.LARGE_SHARE;
    static final double MID_SHARE = SampleCatalog.MID_SHARE;

    /** Synthetic creation times lie within the two years before this instant. */
    static final Instant REFERENCE_TIME = SampleCatalog.REFERENCE_TIME;

    private static final long TWO_YEARS_SECONDS = Duration.ofDays(730).toSeconds();

    private final String sellerPrefix;
    private final double[] cumulative;
    private final String[] tiers;

    /**
     * @param sellerPrefix seller ids are {@code prefix + "-" + rank}, rank 1 the largest
     * @param sellers how many sellers share the catalog
     */
    SyntheticFields(String sellerPrefix, int sellers) {
        if (sellers < 1) {
            throw new IllegalArgumentException("sellers must be positive, got " + sellers);
        }
        this.sellerPrefix = sellerPrefix;
        double[] weights = new double[sellers];
        double total = 0;
        for (int i = 0; i < sellers; i++) {
            weights[i] = Math.pow(i + 1, -ZIPF_EXPONENT);
            total += weights[i];
        }
        cumulative = new double[sellers];
        tiers = new String[sellers];
        double sum = 0;
        for (int i = 0; i < sellers; i++) {
            double share = weights[i] / total;
            sum += share;
            cumulative[i] = sum;
            tiers[i] = share >= LARGE_SHARE ? "large" : share >= MID_SHARE ? "mid" : "small";
        }
        cumulative[sellers - 1] = 1.0;
    }

    /** A uniform value in [0, 1) from {@code id} and {@code salt} (SplitMix64 finaliser). */
    static double unit(long id, long salt) {
        return (mix(id * 0x9E3779B97F4A7C15L + salt) >>> 11) * 0x1.0p-53;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 0-based rank of the seller of record {@code id}; rank 0 is the largest. */
    int sellerRank(long id) {
        double u = unit(id, 1);
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] > u) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    String sellerId(long id) {
        return String.format(Locale.ROOT, "%s-%03d", sellerPrefix, sellerRank(id) + 1);
    }

    String sellerTier(long id) {
        return tiers[sellerRank(id)];
    }

    /**
     * A price log-uniform in [{@code min}, {@code max}], ending in .99 (or .49 for prices under 5),
     * deterministic in {@code id}.
     */
    static double price(long id, double min, double max) {
        double raw = Math.exp(Math.log(min) + unit(id, 2) * (Math.log(max) - Math.log(min)));
        double cents = raw < 5 ? (raw - Math.floor(raw) < 0.5 ? 0.49 : 0.99) : 0.99;
        return Math.round((Math.floor(raw) + cents) * 100) / 100.0;
    }

    /** Whether record {@code id} is in stock, true for about {@code rate} of the ids. */
    static boolean inStock(long id, double rate) {
        return unit(id, 3) < rate;
    }

    /** A creation time spread uniformly over the two years before {@link #REFERENCE_TIME}. */
    static Instant createdAt(long id) {
        return REFERENCE_TIME.minusSeconds(1 + (long) (unit(id, 4) * TWO_YEARS_SECONDS));
    }
}
