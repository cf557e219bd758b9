/**
 * The fairness pass: ranked group fairness for a protected group of items, and a cap per seller.
 *
 * <p>The quota is FA*IR (Meike Zehlike, Francesco Bonchi, Carlos Castillo, Sara Hajian, Mohamed
 * Megahed, Ricardo Baeza-Yates: "FA*IR: A Fair Top-k Ranking Algorithm", CIKM 2017,
 * doi:10.1145/3132847.3132938, arXiv:1706.06368). A ranking is fair when no prefix of it holds
 * significantly fewer protected items than i independent draws with probability p would: prefix i
 * passes when {@code F(τ_p; i, p) > α}, F being the binomial CDF and τ_p the protected items among
 * the first i. The least passing count, {@code m(i) = min{m : F(m; i, p) > α}}, is the inverse
 * binomial CDF; {@link dev.recsys.ranker.fairness.FairnessTable} holds it for i = 1..k.
 *
 * <p>Why the adjustment: k prefix tests at level α each reject a fair ranking far more often than α
 * in total (about 0.23 for k = 40, p = 0.3, α = 0.1). So the tests run at a corrected level α_c, the
 * largest one at which a fair ranking fails any prefix test with probability at most α. That
 * probability is computed exactly (a dynamic programme over the number of protected items so far)
 * and α_c is found by binary search, as in the paper's adjustment algorithm.
 *
 * <p>{@link dev.recsys.ranker.fairness.FairReranker} applies the table with the paper's greedy merge
 * and adds the seller cap; its {@link dev.recsys.ranker.fairness.FairnessReport} says whether the
 * quota held and why not. The group a catalog protects (small sellers, long-tail or new items) is
 * decided by the caller, through {@link dev.recsys.ranker.rank.Candidate#protectedItem()}.
 *
 * <p>{@link dev.recsys.ranker.fairness.ExposureLedger} measures the result over time: position-weighted
 * exposure of the rankings actually served, per group and per seller, over a sliding window.
 */
package dev.recsys.ranker.fairness;
