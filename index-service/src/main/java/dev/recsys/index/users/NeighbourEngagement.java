package dev.recsys.index.users;

import dev.recsys.ranker.records.EventType;

/**
 * One similar shopper's engagement with a recommended item ("because similar shoppers bought …").
 *
 * @param similarity cosine between the asking shopper's CF vector and this one's
 * @param type this shopper's latest interaction with the item
 * @param contribution {@code similarity × weight(type)}, this shopper's part of the item's score
 */
public record NeighbourEngagement(String userId, double similarity, EventType type, double contribution) {}
