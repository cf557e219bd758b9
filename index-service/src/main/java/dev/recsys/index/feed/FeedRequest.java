package dev.recsys.index.feed;

import dev.recsys.index.requests.InvalidRequestException;
import dev.recsys.ranker.rank.BlendWeights;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One feed request, validated: a value that breaks its rule is an {@link InvalidRequestException} naming
 * the field ({@code GET /v1/feed?user=&k=&category=&exclude=&explain=&w.*=} over HTTP).
 *
 * @param user the shopper, required, at most {@value #MAX_ID_LENGTH} characters
 * @param k how many items, {@value #MIN_K} to {@value #MAX_K}, default {@value #DEFAULT_K}
 * @param category only items under this category path (prefix, e.g. {@code home>kitchen}), or
 *     {@code null}
 * @param exclude item ids never to return (repeated {@code exclude} or comma-separated)
 * @param explain whether each item carries its score parts, origins and "because" items (default
 *     true)
 * @param weights the blend weights: the service defaults with the request's {@code w.*} overrides
 */
public record FeedRequest(
        String user, int k, String category, Set<String> exclude, boolean explain, BlendWeights weights) {

    public static final int MIN_K = 1;
    public static final int MAX_K = 100;
    public static final int DEFAULT_K = 20;
    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_CATEGORY_LENGTH = 512;
    public static final int MAX_EXCLUDE = 500;

    public FeedRequest {
        InvalidRequestException.check(user != null && !user.isBlank(), "user", "is required");
        InvalidRequestException.check(
                user.length() <= MAX_ID_LENGTH, "user", "is longer than " + MAX_ID_LENGTH + " characters");
        InvalidRequestException.check(
                k >= MIN_K && k <= MAX_K, "k", "must be between " + MIN_K + " and " + MAX_K + ", got " + k);
        InvalidRequestException.check(
                category == null || category.length() <= MAX_CATEGORY_LENGTH,
                "category",
                "is longer than " + MAX_CATEGORY_LENGTH + " characters");
        category = category == null || category.isBlank() ? null : category.strip();
        exclude = exclude == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(exclude));
        InvalidRequestException.check(
                exclude.size() <= MAX_EXCLUDE, "exclude", "has more than " + MAX_EXCLUDE + " entries");
        weights = weights == null ? BlendWeights.defaults() : weights;
    }
}
