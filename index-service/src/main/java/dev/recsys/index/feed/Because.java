package dev.recsys.index.feed;

import dev.recsys.ranker.records.EventType;

/**
 * One item of the shopper's history that explains a recommendation ("because you viewed …").
 *
 * @param type the shopper's latest interaction with it
 * @param similarity cosine between its content vector and the recommended item's
 */
public record Because(String itemId, String title, EventType type, double similarity) {}
