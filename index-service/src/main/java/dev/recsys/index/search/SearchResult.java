package dev.recsys.index.search;

import dev.recsys.index.feed.ResultItem;
import dev.recsys.ranker.fairness.FairnessReport;
import java.util.List;

/**
 * A search answer.
 *
 * @param user the shopper searched for, or {@code null}
 * @param profileVersion the version of the shopper vectors used, or {@code null} when not personalised
 * @param personalised whether the shopper's content vector took part in the ranking
 * @param textHits how many items BM25 found
 * @param vectorHits how many items the query-vector search found
 * @param candidates how many distinct items were ranked before the cut to k
 */
public record SearchResult(
        String query,
        String user,
        Long profileVersion,
        boolean personalised,
        long generation,
        int textHits,
        int vectorHits,
        int candidates,
        List<ResultItem> items,
        FairnessReport fairness) {

    public SearchResult {
        items = List.copyOf(items);
    }
}
