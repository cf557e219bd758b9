package dev.recsys.ranker.fairness;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one time bucket of an {@link ExposureLedger} has seen. Writers only add to {@link LongAdder}s,
 * so concurrent requests do not contend on one counter; exposure is in the ledger's fixed-point units.
 */
final class ExposureBucket {
    /** The bucket's number: its start time divided by the bucket length. */
    final long index;

    final LongAdder rankings = new LongAdder();
    final LongAdder items = new LongAdder();
    final LongAdder protectedItems = new LongAdder();
    final LongAdder exposure = new LongAdder();
    final LongAdder protectedExposure = new LongAdder();
    /** Exposure of the sellers beyond the cap. */
    final LongAdder otherSellers = new LongAdder();

    final Map<String, LongAdder> sellers = new ConcurrentHashMap<>();
    private final AtomicInteger sellerSlots = new AtomicInteger();
    private final int maxSellers;

    ExposureBucket(long index, int maxSellers) {
        this.index = index;
        this.maxSellers = maxSellers;
    }

    void add(List<ServedItem> ranking) {
        long total = 0;
        long protectedTotal = 0;
        int protectedCount = 0;
        for (int i = 0; i < ranking.size(); i++) {
            ServedItem item = ranking.get(i);
            long weight = ExposureLedger.weightUnits(i + 1);
            total += weight;
            if (item.protectedItem()) {
                protectedTotal += weight;
                protectedCount++;
            }
            LongAdder seller = seller(item.sellerId());
            (seller != null ? seller : otherSellers).add(weight);
        }
        rankings.increment();
        items.add(ranking.size());
        protectedItems.add(protectedCount);
        exposure.add(total);
        protectedExposure.add(protectedTotal);
    }

    /** The seller's adder, or {@code null} once the bucket tracks as many sellers as it may. */
    private LongAdder seller(String sellerId) {
        LongAdder held = sellers.get(sellerId);
        if (held != null || sellerSlots.get() >= maxSellers) {
            return held;
        }
        // The slot is taken inside computeIfAbsent, which runs at most once per new seller, so
        // concurrent newcomers can never push the map past the cap.
        return sellers.computeIfAbsent(
                sellerId, id -> sellerSlots.getAndIncrement() < maxSellers ? new LongAdder() : null);
    }
}
