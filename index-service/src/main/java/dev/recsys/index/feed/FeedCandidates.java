package dev.recsys.index.feed;

import dev.recsys.index.catalog.CatalogView;
import dev.recsys.index.catalog.Hit;
import dev.recsys.index.catalog.ItemFilter;
import dev.recsys.index.users.NeighbourItem;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The candidates of one feed request as the generators propose them: each item once, in the order first
 * proposed, with every generator that proposed it, its category-spread prior, and the similar-shopper
 * and trending scores that its scoring needs. An item a generator names by id (similar shoppers, recent
 * neighbours, trending) joins only if the request's filter lets it through.
 */
final class FeedCandidates {
    private final CatalogView view;
    private final ItemFilter filter;
    private final Map<String, Proposal> proposals = new LinkedHashMap<>();
    private final Map<String, NeighbourItem> fromShoppers = new HashMap<>();
    private final Map<String, Double> trendingScores = new HashMap<>();

    /** An item proposed, with the generators that proposed it. */
    static final class Proposal {
        final Hit hit;
        final Set<String> origins = new TreeSet<>();
        double spreadPrior;

        Proposal(Hit hit) {
            this.hit = hit;
        }
    }

    FeedCandidates(CatalogView view, ItemFilter filter) {
        this.view = view;
        this.filter = filter;
    }

    void propose(Hit hit, String origin, double spreadPrior) {
        Proposal proposal = proposals.computeIfAbsent(hit.itemId(), id -> new Proposal(hit));
        proposal.origins.add(origin);
        proposal.spreadPrior = Math.max(proposal.spreadPrior, spreadPrior);
    }

    void proposeAll(List<Hit> hits, String origin) {
        for (Hit hit : hits) {
            propose(hit, origin, 0);
        }
    }

    /** Proposes the item with {@code itemId} if it is proposed already or in the view and passes the filter. */
    boolean proposeById(String itemId, String origin) {
        Optional<Hit> item = proposals.containsKey(itemId)
                ? Optional.of(proposals.get(itemId).hit)
                : view.find(itemId).filter(hit -> filter.matches(hit.item()));
        item.ifPresent(hit -> propose(hit, origin, 0));
        return item.isPresent();
    }

    void proposeFromShopper(NeighbourItem candidate, String origin) {
        if (proposeById(candidate.itemId(), origin)) {
            fromShoppers.put(candidate.itemId(), candidate);
        }
    }

    void proposeTrending(String itemId, double score, String origin) {
        trendingScores.put(itemId, score);
        proposeById(itemId, origin);
    }

    Collection<Proposal> proposals() {
        return proposals.values();
    }

    int size() {
        return proposals.size();
    }

    Hit hit(String itemId) {
        return proposals.get(itemId).hit;
    }

    /** The similar-shopper evidence for the item, or {@code null}. */
    NeighbourItem fromShoppers(String itemId) {
        return fromShoppers.get(itemId);
    }

    double trendingScore(String itemId) {
        return trendingScores.getOrDefault(itemId, 0.0);
    }
}
