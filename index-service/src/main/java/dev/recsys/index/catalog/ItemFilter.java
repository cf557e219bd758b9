package dev.recsys.index.catalog;

import dev.recsys.ranker.records.CatalogItem;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Constraints on the items a catalog query may return. {@link CatalogIndex} turns them into Lucene
 * filter clauses that run inside the search (for KNN: inside the HNSW graph walk), so a filtered query
 * still returns {@code k} results whenever {@code k} items match.
 *
 * @param categoryPrefix a category path or a prefix of one by whole levels ({@code "home>kitchen"}
 *     matches {@code "home>kitchen>knives"} but not {@code "home>kitchenware"}); compared after {@link
 *     #normaliseCategory}; {@code null} for any category
 * @param priceMin lowest price accepted (inclusive), or {@code null}
 * @param priceMax highest price accepted (inclusive), or {@code null}
 * @param inStockOnly whether items out of stock are left out
 * @param excludeItemIds items never returned (e.g. already bought); never null
 */
public record ItemFilter(
        String categoryPrefix, Double priceMin, Double priceMax, boolean inStockOnly, Set<String> excludeItemIds) {

    /** No constraints: every item, in stock or not. */
    public static final ItemFilter NONE = new ItemFilter(null, null, null, false, Set.of());

    public ItemFilter {
        categoryPrefix = categoryPrefix == null ? null : normaliseCategory(categoryPrefix);
        if (categoryPrefix != null && categoryPrefix.isEmpty()) {
            categoryPrefix = null;
        }
        checkPrice("priceMin", priceMin);
        checkPrice("priceMax", priceMax);
        if (priceMin != null && priceMax != null && priceMin > priceMax) {
            throw new IllegalArgumentException(
                    "priceMin (" + priceMin + ") is greater than priceMax (" + priceMax + ")");
        }
        excludeItemIds = excludeItemIds == null ? Set.of() : Set.copyOf(excludeItemIds);
    }

    /** The same filter, keeping only items in stock. */
    public ItemFilter inStock() {
        return new ItemFilter(categoryPrefix, priceMin, priceMax, true, excludeItemIds);
    }

    /** The same filter with {@code itemIds} as its exclusions (replacing the current ones). */
    public ItemFilter withExclusions(Set<String> itemIds) {
        return new ItemFilter(categoryPrefix, priceMin, priceMax, inStockOnly, itemIds);
    }

    /** The same filter, excluding {@code itemIds} in addition to the current exclusions. */
    public ItemFilter excluding(Collection<String> itemIds) {
        Set<String> union = new HashSet<>(excludeItemIds);
        union.addAll(itemIds);
        return new ItemFilter(categoryPrefix, priceMin, priceMax, inStockOnly, union);
    }

    /** The same filter restricted to {@code categoryPrefix} (replacing the current one; null for any). */
    public ItemFilter withCategory(String categoryPrefix) {
        return new ItemFilter(categoryPrefix, priceMin, priceMax, inStockOnly, excludeItemIds);
    }

    /** The same filter with the price range {@code [min, max]}; either bound may be null. */
    public ItemFilter withPriceRange(Double min, Double max) {
        return new ItemFilter(categoryPrefix, min, max, inStockOnly, excludeItemIds);
    }

    /** Whether this filter lets every item through. */
    public boolean isUnconstrained() {
        return categoryPrefix == null
                && priceMin == null
                && priceMax == null
                && !inStockOnly
                && excludeItemIds.isEmpty();
    }

    /** Whether {@code item} passes: the same rule the index applies, for items held in memory. */
    public boolean matches(CatalogItem item) {
        if (excludeItemIds.contains(item.itemId())) {
            return false;
        }
        if (inStockOnly && !item.inStock()) {
            return false;
        }
        if (priceMin != null && item.price() < priceMin) {
            return false;
        }
        if (priceMax != null && item.price() > priceMax) {
            return false;
        }
        if (categoryPrefix != null) {
            String path = normaliseCategory(item.category());
            return path.equals(categoryPrefix) || path.startsWith(categoryPrefix + ">");
        }
        return true;
    }

    /**
     * The canonical form of a category path: levels split on {@code >}, trimmed, lower-cased, empty
     * levels dropped ({@code " Home > Kitchen "} becomes {@code "home>kitchen"}).
     */
    public static String normaliseCategory(String path) {
        StringJoiner out = new StringJoiner(">");
        for (String level : path.split(">")) {
            String clean = level.strip().toLowerCase(Locale.ROOT);
            if (!clean.isEmpty()) {
                out.add(clean);
            }
        }
        return out.toString();
    }

    private static void checkPrice(String name, Double value) {
        if (value != null && (!Double.isFinite(value) || value < 0)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
    }
}
