package dev.recsys.ranker.profile;

import dev.recsys.ranker.records.EventType;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The knobs of the profile update rule.
 *
 * @param halfLife after this much event time an interaction counts half as much
 * @param weights signed weight per event type; a negative weight pulls the profile away
 * @param ratingWeight weight per star above {@code neutralRating} for {@link EventType#RATE}
 * @param neutralRating the rating that neither pulls nor pushes
 * @param recentSize how many recent interactions a profile keeps
 */
public record ProfileConfig(
        Duration halfLife, Map<EventType, Double> weights, double ratingWeight, double neutralRating, int recentSize) {

    public static final Duration DEFAULT_HALF_LIFE = Duration.ofDays(1);
    public static final int DEFAULT_RECENT_SIZE = 20;
    public static final double DEFAULT_RATING_WEIGHT = 2.0;
    public static final double DEFAULT_NEUTRAL_RATING = 2.5;

    public ProfileConfig {
        if (halfLife == null || halfLife.isNegative() || halfLife.toMillis() < 1) {
            // Decay is computed on millisecond event times; a shorter half-life would divide by zero.
            throw new IllegalArgumentException("halfLife must be at least one millisecond, got " + halfLife);
        }
        if (recentSize < 1) {
            throw new IllegalArgumentException("recentSize must be at least 1, got " + recentSize);
        }
        EnumMap<EventType, Double> copy = new EnumMap<>(EventType.class);
        copy.putAll(weights);
        for (EventType type : EventType.values()) {
            if (type != EventType.RATE && !copy.containsKey(type)) {
                throw new IllegalArgumentException("weights must give a weight for " + type.jsonName());
            }
        }
        // An EnumMap: looked up once per event, and an array index is the cheapest lookup there is.
        weights = Collections.unmodifiableMap(copy);
    }

    /**
     * Defaults ordered by how much intent an action shows: a purchase says more than a click, a
     * dislike pushes away about as hard as an add-to-cart pulls.
     */
    public static ProfileConfig defaults() {
        Map<EventType, Double> weights = new EnumMap<>(EventType.class);
        weights.put(EventType.VIEW, 1.0);
        weights.put(EventType.CLICK, 2.0);
        weights.put(EventType.ADD_TO_CART, 4.0);
        weights.put(EventType.PURCHASE, 6.0);
        weights.put(EventType.DISLIKE, -4.0);
        return new ProfileConfig(
                DEFAULT_HALF_LIFE, weights, DEFAULT_RATING_WEIGHT, DEFAULT_NEUTRAL_RATING, DEFAULT_RECENT_SIZE);
    }

    public ProfileConfig withHalfLife(Duration newHalfLife) {
        return new ProfileConfig(newHalfLife, weights, ratingWeight, neutralRating, recentSize);
    }

    /**
     * Most items a shopper's CF history keeps ({@link CfHistory}): fold-in is exact up to this
     * many distinct items, and its cost grows with them (n·k² per update).
     */
    public static final int CF_HISTORY_SIZE = 500;

    public int cfHistorySize() {
        return CF_HISTORY_SIZE;
    }

    /**
     * The signed weight of one interaction in CF fold-in, as training weighs it: a rating counts its
     * stars (the item factors were fitted with {@code c = 1 + α·rating}, {@code p = 1}), any other
     * event its {@link #weightOf} weight. Folding a rating in by its content weight instead would
     * change its confidence and turn a rating under neutral into a preference of 0, unlike training.
     */
    public double cfWeightOf(EventType type, Double value) {
        if (type == EventType.RATE) {
            return value == null ? 0 : value;
        }
        return weightOf(type, value);
    }

    /** The signed weight of one interaction. */
    public double weightOf(EventType type, Double value) {
        if (type == EventType.RATE) {
            return value == null ? 0 : ratingWeight * (value - neutralRating);
        }
        return weights.get(type);
    }
}
