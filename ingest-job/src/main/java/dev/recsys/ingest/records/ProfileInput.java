package dev.recsys.ingest.records;

import dev.recsys.ranker.records.Erasure;

/**
 * What the profile operator receives, keyed by shopper: an interaction joined with its item, or an
 * erasure of the shopper. One stream of both, so that a shopper's erasure and events meet in the
 * same keyed state, while the CF model keeps the operator's broadcast input.
 *
 * @param interaction the interaction, or {@code null} for an erasure
 * @param erasure the erasure, or {@code null} for an interaction
 */
public record ProfileInput(EnrichedInteraction interaction, Erasure erasure) {

    public static ProfileInput of(EnrichedInteraction interaction) {
        return new ProfileInput(interaction, null);
    }

    public static ProfileInput of(Erasure erasure) {
        return new ProfileInput(null, erasure);
    }

    /** The shopper it concerns: the key of the profile operator. */
    public String userId() {
        return interaction != null ? interaction.event().userId() : erasure.userId();
    }
}
