package dev.recsys.index.search;

import dev.recsys.index.requests.InvalidRequestException;
import dev.recsys.ranker.rank.BlendWeights;

/**
 * One search request, validated: a value that breaks its rule is an {@link InvalidRequestException} naming
 * the field ({@code GET /v1/search?q=&user=&k=&category=&priceMin=&priceMax=&w.*=} over HTTP).
 *
 * @param query the shopper's text, required, at most {@value #MAX_QUERY_LENGTH} characters; never
 *     parsed as query syntax
 * @param user the shopper to personalise for, or {@code null} for an anonymous search
 * @param k how many items, {@value #MIN_K} to {@value #MAX_K}, default {@value #DEFAULT_K}
 * @param category only items under this category path, or {@code null}
 * @param priceMin lowest price (inclusive), or {@code null}
 * @param priceMax highest price (inclusive), or {@code null}; not below {@code priceMin}
 * @param weights the blend weights: the service defaults with the request's {@code w.*} overrides
 */
public record SearchRequest(
        String query, String user, int k, String category, Double priceMin, Double priceMax, BlendWeights weights) {

    public static final int MAX_QUERY_LENGTH = 256;
    public static final int MIN_K = 1;
    public static final int MAX_K = 100;
    public static final int DEFAULT_K = 20;
    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_CATEGORY_LENGTH = 512;

    public SearchRequest {
        InvalidRequestException.check(query != null && !query.isBlank(), "q", "is required");
        InvalidRequestException.check(
                query.length() <= MAX_QUERY_LENGTH, "q", "is longer than " + MAX_QUERY_LENGTH + " characters");
        query = query.strip();
        user = user == null || user.isBlank() ? null : user;
        InvalidRequestException.check(
                user == null || user.length() <= MAX_ID_LENGTH,
                "user",
                "is longer than " + MAX_ID_LENGTH + " characters");
        InvalidRequestException.check(
                k >= MIN_K && k <= MAX_K, "k", "must be between " + MIN_K + " and " + MAX_K + ", got " + k);
        category = category == null || category.isBlank() ? null : category.strip();
        InvalidRequestException.check(
                category == null || category.length() <= MAX_CATEGORY_LENGTH,
                "category",
                "is longer than " + MAX_CATEGORY_LENGTH + " characters");
        checkPrice(priceMin, "priceMin");
        checkPrice(priceMax, "priceMax");
        InvalidRequestException.check(
                priceMin == null || priceMax == null || priceMin <= priceMax,
                "priceMax",
                "must not be below priceMin (" + priceMin + " > " + priceMax + ")");
        weights = weights == null ? BlendWeights.defaults() : weights;
    }

    private static void checkPrice(Double price, String field) {
        InvalidRequestException.check(
                price == null || (Double.isFinite(price) && price >= 0),
                field,
                "must be a finite number of at least 0, got " + price);
    }
}
