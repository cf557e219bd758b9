package dev.recsys.index.feed;

import dev.recsys.index.trending.TrendingItem;
import dev.recsys.index.trending.TrendingItems;
import dev.recsys.ranker.records.CatalogItem;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which items the fairness pass protects. Three kinds, chosen with {@link #parse}:
 *
 * <ul>
 *   <li>{@code tier:small[,medium…]}: items of sellers in these tiers (the default, {@code
 *       tier:small});
 *   <li>{@code new:P30D}: items created at most this long ago;
 *   <li>{@code long-tail:1000}: items outside the head, the given number of items with the most
 *       interactions over the last day ({@code item-stats}, window {@code P1D}). Popularity is a
 *       rank, not a percentile of the catalog, because only the head is ranked in memory.
 * </ul>
 */
public interface ProtectedGroup {
    /** The window that decides the long-tail head. */
    String LONG_TAIL_WINDOW = "P1D";

    boolean contains(CatalogItem item, long nowMillis);

    /** In words, for answers and reports. */
    String describe();

    static ProtectedGroup sellerTiers(Set<String> tiers) {
        Set<String> normalised = tiers.stream()
                .map(tier -> tier.strip().toLowerCase(Locale.ROOT))
                .filter(tier -> !tier.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (normalised.isEmpty()) {
            throw new IllegalArgumentException("tier: needs at least one seller tier");
        }
        String names = String.join(" or ", normalised.stream().sorted().toList());
        return new ProtectedGroup() {
            @Override
            public boolean contains(CatalogItem item, long nowMillis) {
                return item.sellerTier() != null
                        && normalised.contains(item.sellerTier().strip().toLowerCase(Locale.ROOT));
            }

            @Override
            public String describe() {
                return "items of sellers with sellerTier " + names;
            }
        };
    }

    static ProtectedGroup newItems(Duration maxAge) {
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("new: needs a positive age, got " + maxAge);
        }
        long maxAgeMillis = maxAge.toMillis();
        return new ProtectedGroup() {
            @Override
            public boolean contains(CatalogItem item, long nowMillis) {
                return nowMillis - item.createdAt().toEpochMilli() <= maxAgeMillis;
            }

            @Override
            public String describe() {
                return "items created within " + maxAge;
            }
        };
    }

    static ProtectedGroup longTail(TrendingItems trending, int head) {
        Objects.requireNonNull(trending, "trending");
        return new LongTail(trending, checkHead(head));
    }

    private static int checkHead(int head) {
        if (head < 1 || head > TrendingItems.DEFAULT_SNAPSHOT_SIZE) {
            throw new IllegalArgumentException(
                    "long-tail: head must be between 1 and " + TrendingItems.DEFAULT_SNAPSHOT_SIZE + ", got " + head);
        }
        return head;
    }

    /**
     * {@code tier:small,medium}, {@code new:P30D} or {@code long-tail:1000}, bound to {@code trending}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static ProtectedGroup parse(String spec, TrendingItems trending) {
        return Spec.parse(spec).bind(trending);
    }

    /**
     * A checked {@code --protected-group} value, before the service's trending store exists: the
     * command line is validated once, at start-up, and bound when the service is built.
     */
    final class Spec {
        private final String text;
        private final Function<TrendingItems, ProtectedGroup> factory;

        private Spec(String text, Function<TrendingItems, ProtectedGroup> factory) {
            this.text = text;
            this.factory = factory;
        }

        /**
         * {@code tier:small,medium}, {@code new:P30D} or {@code long-tail:1000}.
         *
         * @throws IllegalArgumentException naming what is wrong
         */
        public static Spec parse(String spec) {
            Objects.requireNonNull(spec, "spec");
            int colon = spec.indexOf(':');
            String kind = colon < 0 ? spec.strip() : spec.substring(0, colon).strip();
            String value = colon < 0 ? "" : spec.substring(colon + 1).strip();
            switch (kind) {
                case "tier" -> {
                    ProtectedGroup group = sellerTiers(new HashSet<>(Arrays.asList(value.split(","))));
                    return new Spec(spec, trending -> group);
                }
                case "new" -> {
                    try {
                        ProtectedGroup group = newItems(Duration.parse(value));
                        return new Spec(spec, trending -> group);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException(
                                "new: needs an ISO-8601 duration such as P30D, got '" + value + "'");
                    }
                }
                case "long-tail" -> {
                    int head;
                    try {
                        head = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(
                                "long-tail: needs a head size such as 1000, got '" + value + "'");
                    }
                    checkHead(head);
                    return new Spec(spec, trending -> longTail(trending, head));
                }
                default ->
                    throw new IllegalArgumentException(
                            "unknown protected group '" + kind + "' (expected tier:…, new:… or long-tail:…)");
            }
        }

        /** The group, reading popularity (for the long tail) from {@code trending}. */
        public ProtectedGroup bind(TrendingItems trending) {
            return factory.apply(Objects.requireNonNull(trending, "trending"));
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Items outside the most popular {@code head}; the head set is rebuilt at most once a second. */
    final class LongTail implements ProtectedGroup {
        private static final long REFRESH_MILLIS = 1_000;

        private final TrendingItems trending;
        private final int head;
        private volatile Head current; // null until the first request

        private record Head(long builtAt, Set<String> items) {}

        LongTail(TrendingItems trending, int head) {
            this.trending = trending;
            this.head = head;
        }

        @Override
        public boolean contains(CatalogItem item, long nowMillis) {
            Head snapshot = current;
            if (snapshot == null
                    || nowMillis - snapshot.builtAt() >= REFRESH_MILLIS
                    || nowMillis < snapshot.builtAt()) {
                Set<String> items = new HashSet<>();
                for (TrendingItem hot : trending.top(LONG_TAIL_WINDOW, head, nowMillis)) {
                    items.add(hot.itemId());
                }
                snapshot = new Head(nowMillis, Set.copyOf(items));
                current = snapshot;
            }
            return !snapshot.items().contains(item.itemId());
        }

        @Override
        public String describe() {
            return "long-tail items: outside the " + head + " most popular of the last day";
        }
    }
}
