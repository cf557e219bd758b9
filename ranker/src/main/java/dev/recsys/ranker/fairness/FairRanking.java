package dev.recsys.ranker.fairness;

import dev.recsys.ranker.rank.RankedItem;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of the fairness pass: the final top k and what the pass did.
 *
 * @param items the ranking, best first; unmodifiable
 */
public record FairRanking(List<RankedItem> items, FairnessReport report) {

    public FairRanking {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        Objects.requireNonNull(report, "report");
        if (items.size() != report.k()) {
            throw new IllegalArgumentException(
                    "items has " + items.size() + " entries but the report is for k = " + report.k());
        }
    }
}
