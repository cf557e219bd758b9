/**
 * Personalised feeds: candidate generation (content KNN, new items, a category-spread sample for
 * cold start), score blending, the fairness pass and "because you …" explanations. {@link
 * dev.recsys.index.feed.RankingPolicy} holds what search shares: the protected group, the popularity
 * prior and the fairness pass.
 */
package dev.recsys.index.feed;
