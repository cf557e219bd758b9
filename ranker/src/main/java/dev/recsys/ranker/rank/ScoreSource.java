package dev.recsys.ranker.rank;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a candidate's raw score came from. Each source has its own scale (a cosine, a BM25 score, a
 * count), which is why {@link ScoreBlender} normalises per source before it weighs them.
 */
public enum ScoreSource {
    /** Collaborative filtering: the dot product of the shopper's and the item's CF factors. */
    CF,
    /** Content: the cosine between the shopper's content profile and the item's content vector. */
    CONTENT,
    /** Text relevance (BM25) of the item to the search query; present only in search. */
    TEXT,
    /** Recent popularity of the item (windowed interaction counts). */
    POPULARITY,
    /**
     * Similar shoppers: Σ similarity × event weight over the shopper's nearest neighbours by CF factor
     * that recently engaged with the item.
     */
    SHOPPERS,
    /**
     * Recent-item neighbours: Σ recency weight × item-to-item similarity over the shopper's recent items
     * (the profile's recent list) whose nearest neighbours hold the item ({@code
     * dev.recsys.ranker.neighbours.RecentNeighbourScoring}, offline and in the feed alike).
     */
    RECENT,
    /**
     * The sequence model: the dot product of the shopper's embedding by the self-attention model over their
     * recent items, in order, and the model's item embedding ({@code dev.recsys.ranker.sequence}).
     */
    SEQ;

    private static final String NAMES =
            Arrays.stream(values()).map(ScoreSource::jsonName).collect(Collectors.joining(", "));

    /** The name used in JSON and in request parameters: the lower-case constant name. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a JSON name; the message lists the accepted names. */
    public static ScoreSource fromJson(String name) {
        for (ScoreSource source : values()) {
            if (source.jsonName().equals(name)) {
                return source;
            }
        }
        throw new IllegalArgumentException("unknown score source '" + name + "' (expected one of " + NAMES + ")");
    }
}
