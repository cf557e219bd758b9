package dev.recsys.index.users;

import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.UserVectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Candidate generator "shoppers like you engaged with": the asking shopper's nearest CF neighbours
 * ({@link ShopperIndex}) and what they recently engaged with positively.
 *
 * <p>Each item in a neighbour's {@code recent} list scores {@code similarity × weight(type, value)},
 * with the profile's event weights (a rating weighs by its stars), summed over neighbours; {@code
 * recent} holds an item once, with its latest interaction, so a neighbour counts once per item.
 * Interactions without a positive weight (dislikes, ratings at or below neutral) add nothing. Items the asking shopper
 * touched themself, in any way, are left out. Order: score descending, then itemId.
 */
public final class SimilarShoppers {
    private static final Comparator<NeighbourItem> BEST_FIRST =
            Comparator.comparingDouble(NeighbourItem::score).reversed().thenComparing(NeighbourItem::itemId);
    private static final Comparator<NeighbourEngagement> LARGEST_FIRST = Comparator.comparingDouble(
                    NeighbourEngagement::contribution)
            .reversed()
            .thenComparing(NeighbourEngagement::userId);

    private final ShopperIndex index;
    private final Function<String, Optional<UserVectors>> profiles;
    private final SimilarShoppersConfig config;

    /** Over the store's shoppers and their index. */
    public SimilarShoppers(UserVectorStore users, SimilarShoppersConfig config) {
        this(users.shoppers(), users::get, config);
    }

    /**
     * @param profiles a neighbour's current record by userId, for its {@code recent} list
     */
    public SimilarShoppers(
            ShopperIndex index, Function<String, Optional<UserVectors>> profiles, SimilarShoppersConfig config) {
        this.index = Objects.requireNonNull(index, "index");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.config = Objects.requireNonNull(config, "config");
    }

    public SimilarShoppersConfig config() {
        return config;
    }

    /** Candidates for a shopper by id; empty for an unknown shopper. */
    public List<NeighbourItem> candidates(String userId) {
        return profiles.apply(userId).map(u -> candidates(u, Set.of())).orElse(List.of());
    }

    /**
     * Candidates for a shopper, best first.
     *
     * @param exclude further item ids never to return (the shopper's own recent items always are)
     * @return empty when the shopper has no usable CF vector or no neighbour engaged with anything
     */
    public List<NeighbourItem> candidates(UserVectors shopper, Set<String> exclude) {
        if (shopper.cf() == null) {
            return List.of();
        }
        Set<String> excluded = new HashSet<>(exclude);
        shopper.recent().forEach(r -> excluded.add(r.itemId()));

        Map<String, List<NeighbourEngagement>> engagements = new HashMap<>();
        for (SimilarShopper neighbour : index.nearest(shopper.cf(), config.neighbours(), shopper.userId())) {
            if (neighbour.similarity() <= config.minSimilarity()) {
                break; // most similar first: the rest are lower still
            }
            Optional<UserVectors> profile = profiles.apply(neighbour.userId());
            if (profile.isEmpty()) {
                continue; // removed since the search
            }
            Set<String> seen = new HashSet<>();
            for (RecentInteraction interaction : profile.get().recent()) {
                double weight = config.profile().weightOf(interaction.type(), interaction.value());
                // The first entry of an item is the latest: a later dislike outweighs an earlier cart.
                if (seen.add(interaction.itemId()) && weight > 0 && !excluded.contains(interaction.itemId())) {
                    engagements
                            .computeIfAbsent(interaction.itemId(), id -> new ArrayList<>())
                            .add(new NeighbourEngagement(
                                    neighbour.userId(),
                                    neighbour.similarity(),
                                    interaction.type(),
                                    neighbour.similarity() * weight));
                }
            }
        }

        List<NeighbourItem> items = new ArrayList<>(engagements.size());
        engagements.forEach((itemId, list) -> items.add(item(itemId, list)));
        items.sort(BEST_FIRST);
        return items.size() > config.items() ? List.copyOf(items.subList(0, config.items())) : List.copyOf(items);
    }

    private NeighbourItem item(String itemId, List<NeighbourEngagement> engagements) {
        double score = 0;
        // Summed in neighbour order (most similar first), so equal inputs give bit-equal scores.
        for (NeighbourEngagement engagement : engagements) {
            score += engagement.contribution();
        }
        List<NeighbourEngagement> because = new ArrayList<>(engagements);
        because.sort(LARGEST_FIRST);
        if (because.size() > config.becausePerItem()) {
            because = because.subList(0, config.becausePerItem());
        }
        return new NeighbourItem(itemId, score, engagements.size(), because);
    }
}
