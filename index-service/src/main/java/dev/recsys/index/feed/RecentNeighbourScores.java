package dev.recsys.index.feed;

import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.RecentInteraction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one shopper's recent items propose through the generation's neighbour lists: each reached item's
 * summed score and which recent items contributed how much (for "because you viewed …").
 */
final class RecentNeighbourScores {
    static final RecentNeighbourScores NONE = new RecentNeighbourScores(List.of(), Map.of());

    /** One reached item: its score and the contributions in the order they were summed. */
    static final class Scored {
        double score;
        int[] positions = new int[2];
        double[] similarities = new double[2];
        double[] contributions = new double[2];
        int count;

        void add(int position, double similarity, double contribution) {
            score += contribution;
            if (count == positions.length) {
                positions = Arrays.copyOf(positions, 2 * count);
                similarities = Arrays.copyOf(similarities, 2 * count);
                contributions = Arrays.copyOf(contributions, 2 * count);
            }
            positions[count] = position;
            similarities[count] = similarity;
            contributions[count] = contribution;
            count++;
        }
    }

    private final List<RecentInteraction> recent;
    private final Map<String, Scored> byItem;

    RecentNeighbourScores(List<RecentInteraction> recent, Map<String, Scored> byItem) {
        this.recent = recent;
        this.byItem = byItem;
    }

    boolean isEmpty() {
        return byItem.isEmpty();
    }

    /** The item's score, or {@code null} when no recent item reaches it. */
    Double score(String itemId) {
        Scored scored = byItem.get(itemId);
        return scored == null ? null : scored.score;
    }

    /** Every reached item, best first (ties by itemId, so answers never vary). */
    List<String> ranked() {
        List<Map.Entry<String, Scored>> entries = new ArrayList<>(byItem.entrySet());
        entries.sort(Comparator.comparingDouble((Map.Entry<String, Scored> e) -> -e.getValue().score)
                .thenComparing(Map.Entry::getKey));
        List<String> out = new ArrayList<>(entries.size());
        for (Map.Entry<String, Scored> entry : entries) {
            out.add(entry.getKey());
        }
        return out;
    }

    /**
     * The recent items that contributed most to the item, most first, each with its similarity to it; those
     * no longer in the catalog are left out.
     */
    List<Because> because(String itemId, CatalogIndex index, int limit) {
        Scored scored = byItem.get(itemId);
        if (scored == null || limit == 0) {
            return List.of();
        }
        Integer[] order = new Integer[scored.count];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        Arrays.sort(
                order,
                Comparator.comparingDouble((Integer c) -> -scored.contributions[c])
                        .thenComparingInt(c -> scored.positions[c]));
        List<Because> out = new ArrayList<>();
        for (int c : order) {
            if (out.size() == limit) {
                break;
            }
            RecentInteraction entry = recent.get(scored.positions[c]);
            Optional<CatalogItem> item = index.item(entry.itemId());
            if (item.isPresent()) {
                out.add(new Because(
                        entry.itemId(),
                        item.get().title(),
                        entry.type(),
                        scored.similarities[c],
                        Because.Basis.CO_INTERACTION));
            }
        }
        return out;
    }
}
