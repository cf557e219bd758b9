/**
 * Score blending: turns the candidates of one request, each scored by some of the sources
 * (collaborative filtering, content similarity, text relevance, popularity), into one ranking.
 *
 * <p>{@link dev.recsys.ranker.rank.ScoreBlender} normalises every source over the request's
 * candidates and sums the weighted parts; {@link dev.recsys.ranker.rank.BlendWeights} holds the
 * weights and reads per-request overrides; each {@link dev.recsys.ranker.rank.RankedItem} keeps its
 * score parts and origins so that a result can be explained. The fairness pass that follows lives in
 * {@link dev.recsys.ranker.fairness}.
 */
package dev.recsys.ranker.rank;
