package dev.recsys.index.feed;

import dev.recsys.ranker.fairness.FairnessReport;
import java.util.List;

/**
 * A feed answer.
 *
 * @param profileVersion the version of the shopper vectors used, or {@code null} without a profile
 * @param coldStart whether the feed was built without a usable profile (no profile yet, or one that
 *     carries no direction)
 * @param generation the catalog generation that answered
 * @param candidates how many candidates were ranked before the cut to k
 * @param explain whether the items carry explanations
 * @param sources the score sources that took part (scored at least one candidate), by JSON name: {@code seq}
 *     only where the generation has a sequence model and the shopper two events it knows
 */
public record Feed(
        String user,
        Long profileVersion,
        boolean coldStart,
        long generation,
        int candidates,
        boolean explain,
        List<ResultItem> items,
        FairnessReport fairness,
        List<String> sources) {

    public Feed {
        items = List.copyOf(items);
        sources = List.copyOf(sources);
    }
}
