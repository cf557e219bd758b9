package dev.recsys.index.feed;

import dev.recsys.ranker.records.EventType;
import java.util.Locale;

/**
 * One item of the shopper's history that explains a recommendation ("because you viewed …").
 *
 * @param type the shopper's latest interaction with it
 * @param similarity how similar it is to the recommended item, in the sense {@code basis} names
 * @param basis what tied the two items
 */
public record Because(String itemId, String title, EventType type, double similarity, Basis basis) {

    /** What ties a history item to the recommended one. */
    public enum Basis {
        /** Shoppers engaged with both: the co-interaction cosine of the recent items' neighbour lists. */
        CO_INTERACTION,
        /** Their content vectors' cosine. */
        CONTENT,
        /**
         * The sequence model lifted the item most, and the history item is the one it reads closest to the
         * recommended one: the cosine of the model's embeddings of the two.
         */
        SEQUENCE_MODEL;

        /** {@code co-interaction}, {@code content}, {@code sequence-model}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
