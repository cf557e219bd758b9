package dev.recsys.index.metrics;

import dev.recsys.index.feed.ResultItem;
import dev.recsys.ranker.fairness.ExposureLedger;
import dev.recsys.ranker.fairness.ServedItem;
import java.util.List;
import java.util.Objects;

/**
 * Records the final items of each feed and search answer in the shared {@link ExposureLedger}, in the
 * order they were served, with the group the fairness pass ranked them in.
 */
public final class ExposureRecorder {
    private final ExposureLedger ledger;

    public ExposureRecorder(ExposureLedger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    public void served(List<ResultItem> items) {
        ledger.record(items.stream().map(item -> ServedItem.of(item.ranked())).toList());
    }
}
