package dev.recsys.index.feed;

import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.neighbours.NeighbourFile;
import dev.recsys.index.neighbours.NeighbourTables;
import dev.recsys.ranker.neighbours.RecentNeighbourScoring;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.UserVectors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The feed's recent-item neighbours: the shopper's recent list (from their user vectors) through the
 * neighbour lists of the generation a request holds, scored by {@link RecentNeighbourScoring}, the rule
 * offline evaluation measured. Every stored neighbour counts (the lists were cut to k by training).
 */
final class RecentNeighbourSource {
    private final NeighbourTables tables = new NeighbourTables();
    private final double halfLife;

    RecentNeighbourSource(double halfLife) {
        this.halfLife = halfLife;
    }

    RecentNeighbourScores score(UserVectors profile, CatalogIndex index) {
        List<RecentInteraction> recent = profile.recent();
        Optional<NeighbourFile> found = recent.isEmpty() ? Optional.empty() : tables.of(index);
        if (found.isEmpty() || found.get().maxK() == 0) {
            return RecentNeighbourScores.NONE;
        }
        NeighbourFile table = found.get();
        int[] items = new int[recent.size()];
        EventType[] types = new EventType[recent.size()];
        long[] times = new long[recent.size()];
        for (int r = 0; r < items.length; r++) {
            items[r] = table.indexOf(recent.get(r).itemId());
            types[r] = recent.get(r).type();
            times[r] = recent.get(r).ts();
        }
        RecentNeighbourScoring rule = new RecentNeighbourScoring(table.maxK(), halfLife);
        Map<Integer, RecentNeighbourScores.Scored> byIndex = new HashMap<>();
        rule.score(items, types, times, table, (item, position, similarity, contribution) -> {
            if (item >= 0 && item < table.items()) {
                byIndex.computeIfAbsent(item, i -> new RecentNeighbourScores.Scored())
                        .add(position, similarity, contribution);
            }
        });
        Map<String, RecentNeighbourScores.Scored> byItem = new HashMap<>(2 * byIndex.size());
        byIndex.forEach((item, scored) -> byItem.put(table.itemId(item), scored));
        return new RecentNeighbourScores(recent, byItem);
    }
}
