package dev.recsys.ranker.fairness;

import java.time.Duration;
import java.util.Objects;

/**
 * The shape of an {@link ExposureLedger}.
 *
 * @param window how far back a report looks; a whole number of buckets
 * @param bucket the granularity at which old exposure expires
 * @param maxSellersPerBucket distinct sellers tracked per bucket; the exposure of further sellers in
 *     that bucket is folded into one "other" entry, so memory stays bounded whatever the traffic
 * @param topSellers how many sellers a report lists
 */
public record ExposureConfig(Duration window, Duration bucket, int maxSellersPerBucket, int topSellers) {

    /** A quarter of an hour: long enough to smooth single requests, short enough to show a change. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

    public static final Duration DEFAULT_BUCKET = Duration.ofMinutes(1);

    /** 15 buckets × 2,000 sellers stay under a few MB; catalogs with more active sellers fold the tail. */
    public static final int DEFAULT_MAX_SELLERS_PER_BUCKET = 2_000;

    public static final int DEFAULT_TOP_SELLERS = 10;

    /** Bounds the ring of buckets (and the work of a report). */
    public static final int MAX_BUCKETS = 10_000;

    public ExposureConfig {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(bucket, "bucket");
        if (bucket.toMillis() <= 0) {
            throw new IllegalArgumentException("bucket must be at least 1 ms, got " + bucket);
        }
        if (window.toMillis() < bucket.toMillis() || window.toMillis() % bucket.toMillis() != 0) {
            throw new IllegalArgumentException(
                    "window must be a positive whole number of buckets, got " + window + " with buckets of " + bucket);
        }
        if (window.toMillis() / bucket.toMillis() > MAX_BUCKETS) {
            throw new IllegalArgumentException("window must hold at most " + MAX_BUCKETS + " buckets, got "
                    + window.toMillis() / bucket.toMillis());
        }
        if (maxSellersPerBucket < 1) {
            throw new IllegalArgumentException("maxSellersPerBucket must be at least 1, got " + maxSellersPerBucket);
        }
        if (topSellers < 0) {
            throw new IllegalArgumentException("topSellers must not be negative, got " + topSellers);
        }
    }

    /** 15 minutes in 1-minute buckets, 2,000 sellers per bucket, the top 10 sellers reported. */
    public static ExposureConfig defaults() {
        return new ExposureConfig(DEFAULT_WINDOW, DEFAULT_BUCKET, DEFAULT_MAX_SELLERS_PER_BUCKET, DEFAULT_TOP_SELLERS);
    }

    /** The number of buckets in the window. */
    public int buckets() {
        return (int) (window.toMillis() / bucket.toMillis());
    }
}
