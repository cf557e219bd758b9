package dev.recsys.index.feed;

import dev.recsys.ranker.records.EventType;

/**
 * One item of the shopper's history that explains a recommendation ("because you viewed …").
 *
 * @param type the shopper's latest interaction with it
 * @param similarity how similar it is to the recommended item: for an item reached by the neighbour lists
 *     of the recent items ({@code recent-neighbours}), their co-interaction cosine; otherwise the cosine of
 *     their content vectors
 */
public record Because(String itemId, String title, EventType type, double similarity) {}
