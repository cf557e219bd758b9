package dev.recsys.ranker.fairness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Position-weighted exposure of served rankings, per group (protected or not) and per seller, over a
 * sliding window.
 *
 * <p><b>Weight.</b> The item at 1-based position i of a ranking gets exposure {@code 1 / log2(i + 1)}:
 * 1 for the first, 0.63 for the second, 0.5 for the third, 0.15 for the hundredth. It is the DCG
 * position discount (the one the offline NDCG uses) and the exposure model of Singh &amp; Joachims,
 * "Fairness of Exposure in Rankings" (KDD 2018): attention falls off quickly down a list but never to
 * zero, so counting items alone would credit a protected item at position 20 like one at the top.
 *
 * <p><b>Window.</b> A ring of fixed buckets ({@link ExposureConfig}): a ranking is added to the bucket
 * of its time, and a report sums the buckets of the window, the current (still filling) one
 * included, so it covers between {@code window − bucket} and {@code window}. A bucket is replaced
 * when its slot of the ring comes round again; old exposure expires a bucket at a time.
 *
 * <p><b>Cost and concurrency.</b> {@link #record} is one pass over the ranking and a few {@link
 * LongAdder} additions, without locks; finding the bucket is one array read (one compare-and-set per
 * bucket length to start a new one). Exposure is summed in fixed point ({@link #UNIT}), so totals are
 * exact and do not depend on the order in which concurrent requests add them. A ranking recorded with
 * a time that has already left the window is dropped.
 *
 * <p><b>Memory.</b> At most {@code buckets × maxSellersPerBucket} seller entries: the sellers a bucket
 * sees first are tracked, and the exposure of any further one goes to the bucket's "other" entry
 * (reported as {@link ExposureReport#untrackedSellerShare()}). Large sellers appear early in any
 * bucket, so it is the long tail that is folded.
 */
public final class ExposureLedger {
    /** Exposure is summed in units of 10⁻⁹; a bucket overflows only after about 10¹⁰ first places. */
    public static final double UNIT = 1e-9;

    private static final long[] WEIGHT_UNITS = new long[1025];

    static {
        for (int position = 1; position < WEIGHT_UNITS.length; position++) {
            WEIGHT_UNITS[position] = Math.round(weight(position) / UNIT);
        }
    }

    private final ExposureConfig config;
    private final long bucketMillis;
    private final AtomicReferenceArray<ExposureBucket> ring;
    private final LongSupplier clock;

    /** @param clock epoch milliseconds, for {@link #record(List)} and {@link #report()} */
    public ExposureLedger(ExposureConfig config, LongSupplier clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bucketMillis = config.bucket().toMillis();
        this.ring = new AtomicReferenceArray<>(config.buckets());
    }

    public ExposureConfig config() {
        return config;
    }

    /** The exposure of 1-based position {@code position}: {@code 1 / log2(position + 1)}. */
    public static double weight(int position) {
        if (position < 1) {
            throw new IllegalArgumentException("position must be at least 1, got " + position);
        }
        return Math.log(2) / Math.log(position + 1.0);
    }

    /** {@link #weight} in fixed-point units. */
    static long weightUnits(int position) {
        return position < WEIGHT_UNITS.length ? WEIGHT_UNITS[position] : Math.round(weight(position) / UNIT);
    }

    /** Records one served ranking, best first, at the clock's time. */
    public void record(List<ServedItem> ranking) {
        record(ranking, clock.getAsLong());
    }

    /** Records one served ranking, best first, served at {@code now} (epoch ms). Thread-safe. */
    public void record(List<ServedItem> ranking, long now) {
        Objects.requireNonNull(ranking, "ranking");
        ExposureBucket bucket = bucket(Math.floorDiv(now, bucketMillis));
        if (bucket != null) {
            bucket.add(ranking);
        }
    }

    /** The bucket numbered {@code index}, started if need be; {@code null} when it has left the ring. */
    private ExposureBucket bucket(long index) {
        int slot = (int) Math.floorMod(index, (long) ring.length());
        while (true) {
            ExposureBucket held = ring.get(slot);
            if (held != null && held.index == index) {
                return held;
            }
            if (held != null && held.index > index) {
                return null;
            }
            ExposureBucket fresh = new ExposureBucket(index, config.maxSellersPerBucket());
            if (ring.compareAndSet(slot, held, fresh)) {
                return fresh;
            }
        }
    }

    /** The report over the window ending at the clock's time. */
    public ExposureReport report() {
        return report(clock.getAsLong());
    }

    /** The report over the window ending at {@code now} (epoch ms). */
    public ExposureReport report(long now) {
        long current = Math.floorDiv(now, bucketMillis);
        long oldest = current - ring.length() + 1;
        long rankings = 0;
        long items = 0;
        long protectedItems = 0;
        long exposure = 0;
        long protectedExposure = 0;
        long untracked = 0;
        Map<String, Long> sellers = new HashMap<>();
        for (int slot = 0; slot < ring.length(); slot++) {
            ExposureBucket bucket = ring.get(slot);
            if (bucket == null || bucket.index < oldest || bucket.index > current) {
                continue;
            }
            rankings += bucket.rankings.sum();
            items += bucket.items.sum();
            protectedItems += bucket.protectedItems.sum();
            exposure += bucket.exposure.sum();
            protectedExposure += bucket.protectedExposure.sum();
            untracked += bucket.otherSellers.sum();
            bucket.sellers.forEach((seller, units) -> sellers.merge(seller, units.sum(), Long::sum));
        }
        List<ExposureReport.SellerExposure> ranked = bySellerExposure(sellers, exposure);
        ExposureReport.SellerExposure largest = ranked.isEmpty() ? null : ranked.get(0);
        return new ExposureReport(
                oldest * bucketMillis,
                now,
                rankings,
                items,
                protectedItems,
                exposure * UNIT,
                protectedExposure * UNIT,
                share(protectedExposure, exposure),
                share(protectedItems, items),
                sellers.size(),
                share(untracked, exposure),
                ranked.subList(0, Math.min(ranked.size(), config.topSellers())),
                largest == null ? null : largest.sellerId(),
                largest == null ? 0 : largest.share());
    }

    /** Every seller, most exposure first, ties by id so that equal inputs report alike. */
    private static List<ExposureReport.SellerExposure> bySellerExposure(Map<String, Long> sellers, long exposure) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(sellers.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<ExposureReport.SellerExposure> out = new ArrayList<>(sorted.size());
        for (Map.Entry<String, Long> entry : sorted) {
            out.add(new ExposureReport.SellerExposure(
                    entry.getKey(), entry.getValue() * UNIT, share(entry.getValue(), exposure)));
        }
        return out;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
