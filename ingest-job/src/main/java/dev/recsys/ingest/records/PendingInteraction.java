package dev.recsys.ingest.records;

import dev.recsys.ranker.records.InteractionEvent;

/**
 * An interaction held back because its item has no vectors yet.
 *
 * @param arrivedAt processing time it was buffered; its wait is measured from here
 */
public record PendingInteraction(InteractionEvent event, long arrivedAt) {}
