package dev.recsys.ranker.fairness;

import dev.recsys.ranker.rank.RankedItem;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The fairness pass over a blended ranking: the FA*IR greedy merge (Zehlike et al., CIKM 2017,
 * Algorithm 1) with a per-seller cap.
 *
 * <p>The protected and the unprotected candidates each keep their blended order. At position i, if
 * fewer than m(i) protected items have been placed, the best remaining protected item goes next;
 * otherwise the better scored of the two best remaining items does (the earlier in blended order on
 * a tie). Within each group the blended order is therefore never changed, and an unprotected item is
 * only ever passed over for a protected one the quota demands.
 *
 * <p>The seller cap: no seller may hold more than {@link FairnessConfig#sellerCap(int)} items of the
 * ranking; an item whose seller is full is skipped. When the candidates come from too few sellers to
 * fill the ranking under the cap, the remaining positions are filled without it (a short page would
 * serve no one) and the report's note says so. When there are too few protected candidates, the
 * ranking holds all there are and the report says so; the pass never fails for lack of candidates.
 *
 * <p>An item placed above its blended position is flagged {@link RankedItem#movedByFairness()}.
 *
 * <p>Thread-safe; build one per configuration and reuse it, since it caches the FA*IR table for every
 * k it has seen. Re-ranking allocates only small arrays and does not box.
 */
public final class FairReranker {
    private final FairnessConfig config;
    private final AtomicReferenceArray<FairnessTable> tables = new AtomicReferenceArray<>(FairnessTable.MAX_K + 1);

    public FairReranker(FairnessConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public FairnessConfig config() {
        return config;
    }

    /** The table this reranker applies to a ranking of length k, computed once per k. */
    public FairnessTable table(int k) {
        checkK(k);
        FairnessTable table = tables.get(k);
        if (table == null) {
            table = FairnessTable.of(k, config.targetProportion(), config.alpha(), config.adjustAlpha());
            tables.compareAndSet(k, null, table);
        }
        return table;
    }

    /**
     * Re-ranks the top k.
     *
     * @param blended the blended ranking, best first (as {@link dev.recsys.ranker.rank.ScoreBlender}
     *     returns it); its order is the order within each group
     * @param k how many items to return, 1 to {@value FairnessTable#MAX_K}; fewer when there are
     *     fewer candidates
     */
    public FairRanking rerank(List<RankedItem> blended, int k) {
        Objects.requireNonNull(blended, "blended");
        checkK(k);
        RankedItem[] items = blended.toArray(new RankedItem[0]);
        for (int i = 0; i < items.length; i++) {
            if (items[i] == null) {
                throw new IllegalArgumentException("blended must not contain null (index " + i + ")");
            }
        }
        int size = Math.min(k, items.length);
        if (size == 0) {
            return new FairRanking(
                    List.of(), new FairnessReport(0, 0, 0, true, true, new int[0], new int[0], 0, null, ""));
        }
        return new Pass(items, size, table(size).array(), config.sellerCap(size)).run();
    }

    private static void checkK(int k) {
        if (k < 1 || k > FairnessTable.MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + FairnessTable.MAX_K + ", got " + k);
        }
    }

    /** The state of one re-ranking; used once. */
    private static final class Pass {
        private final RankedItem[] items;
        private final int size;
        private final int[] minProtected;
        private final int cap;

        private final boolean[] taken;
        private final RankedItem[] ranking;
        private final int[] protectedAtPrefix;
        // Distinct sellers placed so far, in order of first appearance, and how many items each has.
        private final String[] sellers;
        private final int[] sellerCounts;
        private int sellerKinds;
        // Sellers that reached the cap: at most 1 / maxSellerShare of them, so a linear scan is cheap.
        private final String[] fullSellers;
        private int fullCount;
        private boolean capActive = true;

        Pass(RankedItem[] items, int size, int[] minProtected, int cap) {
            this.items = items;
            this.size = size;
            this.minProtected = minProtected;
            this.cap = cap;
            this.taken = new boolean[items.length];
            this.ranking = new RankedItem[size];
            this.protectedAtPrefix = new int[size];
            this.sellers = new String[size];
            this.sellerCounts = new int[size];
            this.fullSellers = new String[size];
        }

        FairRanking run() {
            int n = items.length;
            int protectedHead = advance(0, true);
            int unprotectedHead = advance(0, false);
            int placedProtected = 0;
            int relaxedFrom = -1;
            for (int position = 0; position < size; position++) {
                if (protectedHead == n && unprotectedHead == n) {
                    // Every item left belongs to a full seller: fill the rest without the cap.
                    capActive = false;
                    relaxedFrom = position;
                    protectedHead = advance(0, true);
                    unprotectedHead = advance(0, false);
                }
                int pick;
                if (protectedHead == n) {
                    pick = unprotectedHead;
                } else if (unprotectedHead == n || placedProtected < minProtected[position]) {
                    pick = protectedHead;
                } else {
                    pick = better(protectedHead, unprotectedHead);
                }
                RankedItem item = items[pick];
                taken[pick] = true;
                ranking[position] = item.withMovedByFairness(position + 1 < item.blendedRank());
                if (item.protectedItem()) {
                    placedProtected++;
                }
                protectedAtPrefix[position] = placedProtected;
                count(item.sellerId());
                protectedHead = advance(protectedHead, true);
                unprotectedHead = advance(unprotectedHead, false);
            }
            return new FairRanking(Arrays.asList(ranking), report(placedProtected, relaxedFrom));
        }

        /** The first index at or after {@code from} of the group that may still be placed, or n. */
        private int advance(int from, boolean protectedGroup) {
            int i = from;
            while (i < items.length
                    && (taken[i] || items[i].protectedItem() != protectedGroup || isFull(items[i].sellerId()))) {
                i++;
            }
            return i;
        }

        private int better(int protectedIndex, int unprotectedIndex) {
            double protectedScore = items[protectedIndex].score();
            double unprotectedScore = items[unprotectedIndex].score();
            if (protectedScore != unprotectedScore) {
                return protectedScore > unprotectedScore ? protectedIndex : unprotectedIndex;
            }
            return Math.min(protectedIndex, unprotectedIndex);
        }

        private boolean isFull(String seller) {
            if (!capActive) {
                return false;
            }
            for (int i = 0; i < fullCount; i++) {
                if (fullSellers[i].equals(seller)) {
                    return true;
                }
            }
            return false;
        }

        private void count(String seller) {
            for (int i = 0; i < sellerKinds; i++) {
                if (sellers[i].equals(seller)) {
                    sellerCounts[i]++;
                    if (sellerCounts[i] == cap) {
                        fullSellers[fullCount++] = seller;
                    }
                    return;
                }
            }
            sellers[sellerKinds] = seller;
            sellerCounts[sellerKinds] = 1;
            sellerKinds++;
            if (cap == 1) {
                fullSellers[fullCount++] = seller;
            }
        }

        private FairnessReport report(int placedProtected, int relaxedFrom) {
            boolean quotaMet = true;
            for (int i = 0; i < size; i++) {
                if (protectedAtPrefix[i] < minProtected[i]) {
                    quotaMet = false;
                    break;
                }
            }
            int needed = minProtected[size - 1];
            int available = 0;
            for (int i = 0; i < items.length && available < needed; i++) {
                if (items[i].protectedItem()) {
                    available++;
                }
            }
            boolean enough = available >= needed;
            int largest = 0;
            for (int i = 1; i < sellerKinds; i++) {
                if (sellerCounts[i] > sellerCounts[largest]) {
                    largest = i;
                }
            }
            StringBuilder note = new StringBuilder();
            if (!enough) {
                note.append("only ")
                        .append(available)
                        .append(" protected candidates for a quota of ")
                        .append(needed)
                        .append(" in the top ")
                        .append(size)
                        .append("; the rest of the quota was filled with unprotected items.");
            } else if (!quotaMet) {
                note.append("the seller cap left too few protected candidates to meet the quota at every prefix.");
            }
            if (relaxedFrom >= 0) {
                if (!note.isEmpty()) {
                    note.append(' ');
                }
                note.append("too few sellers to fill ")
                        .append(size)
                        .append(" positions with at most ")
                        .append(cap)
                        .append(" each; positions ")
                        .append(relaxedFrom + 1)
                        .append(" to ")
                        .append(size)
                        .append(" were filled without the cap.");
            }
            return new FairnessReport(
                    size,
                    placedProtected,
                    placedProtected / (double) size,
                    quotaMet,
                    enough,
                    minProtected,
                    protectedAtPrefix,
                    sellerCounts[largest] / (double) size,
                    sellers[largest],
                    note.toString());
        }
    }
}
