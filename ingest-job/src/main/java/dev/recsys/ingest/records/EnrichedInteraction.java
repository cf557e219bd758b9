package dev.recsys.ingest.records;

import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;

/** An interaction joined with the vectors its item had when the interaction was processed. */
public record EnrichedInteraction(InteractionEvent event, ItemVectors item) {}
