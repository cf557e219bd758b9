package dev.recsys.ranker.profile;

import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.cf.ImplicitFoldIn;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.UserVectors;
import dev.recsys.ranker.vector.VectorMath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The profile update rule, shared by the Flink job and by offline evaluation so that both compute
 * identical vectors.
 *
 * <p>The content profile is {@code Σ w(type) · 2^(-(T - t)/halfLife) · v(item)} over all applied
 * interactions, where T is the newest event time seen. It is kept incrementally: an event newer
 * than T first decays the running sum by {@code 2^(-(t - T)/halfLife)}; an older (late) event is
 * added with its own decay instead. The result therefore does not depend on arrival order, so late
 * and out-of-order events are applied, never dropped, and a replay converges to the same vector.
 */
public final class ProfileUpdater {
    private final ProfileConfig config;
    private final double halfLifeMillis;

    public ProfileUpdater(ProfileConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.halfLifeMillis = config.halfLife().toMillis();
    }

    public ProfileConfig config() {
        return config;
    }

    /**
     * Applies one interaction.
     *
     * @param previous the profile so far, or {@code null} for a new shopper
     * @param itemContent the item's content vector
     * @param nowMillis processing time, recorded as {@code updatedAt}
     * @return a new profile with the version increased by one
     */
    public UserProfile apply(UserProfile previous, InteractionEvent event, float[] itemContent, long nowMillis) {
        return apply(previous, event, new ItemVectors(event.itemId(), 0, itemContent, null), null, nowMillis);
    }

    /**
     * Applies one interaction, with CF fold-in when a model is given.
     *
     * <p>The CF factor is the exact implicit-ALS user step ({@link ImplicitFoldIn}) over the
     * shopper's {@link CfHistory}: every item touched under the model's generation, weights ({@link
     * ProfileConfig#cfWeightOf}) summed per item as training sums them. It is absent ({@code null})
     * until there is a model and the shopper has touched an item whose {@code cf} factor belongs to
     * the model's generation; when a model of another generation arrives, the history starts again
     * (the old factors do not belong to the new model). An item without factors of the model's
     * generation changes nothing on the CF side.
     *
     * @param item the item's vectors (its content; its {@code cf} and {@code generation} for fold-in)
     * @param cf the current CF model, or {@code null} when there is none
     */
    public UserProfile apply(
            UserProfile previous, InteractionEvent event, ItemVectors item, CfModel.CfFoldIn cf, long nowMillis) {
        return update(previous, event, item, cf, nowMillis, false);
    }

    /**
     * Applies one interaction with the same result as {@link #apply(UserProfile, InteractionEvent,
     * ItemVectors, CfModel.CfFoldIn, long)}, but writes into {@code previous}'s arrays where their
     * sizes allow instead of copying them; {@code previous} must not be used afterwards.
     *
     * <p>For the stream job. A shopper's events come seconds apart, so a profile copied on every
     * event lives just long enough to be promoted to the old generation before it is garbage; at
     * tens of thousands of events per second, copying those profiles was most of the job's
     * garbage-collection work. Flink's heap state hands out a copy of an entry that a running
     * snapshot still needs, and RocksDB a fresh object on every read, so the job owns what it gets.
     */
    public UserProfile applyInPlace(
            UserProfile previous, InteractionEvent event, ItemVectors item, CfModel.CfFoldIn cf, long nowMillis) {
        return update(previous, event, item, cf, nowMillis, true);
    }

    private UserProfile update(
            UserProfile previous,
            InteractionEvent event,
            ItemVectors item,
            CfModel.CfFoldIn cf,
            long nowMillis,
            boolean inPlace) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(item, "item");
        float[] itemContent = item.content();
        if (previous != null && !previous.userId().equals(event.userId())) {
            throw new IllegalArgumentException(
                    "event of shopper " + event.userId() + " applied to profile of " + previous.userId());
        }
        double weight = config.weightOf(event.type(), event.value());
        float[] sum;
        long lastEventTs;
        if (previous == null || previous.contentSum().length != itemContent.length) {
            // New shopper, or the catalog moved to another embedding size: start the sum afresh.
            sum = new float[itemContent.length];
            lastEventTs = event.ts();
            VectorMath.addScaled(sum, weight, itemContent);
        } else {
            sum = inPlace ? previous.contentSum() : previous.contentSum().clone();
            lastEventTs = previous.lastEventTs();
            if (event.ts() >= lastEventTs) {
                VectorMath.scaleInPlace(sum, decay(event.ts() - lastEventTs));
                lastEventTs = event.ts();
                VectorMath.addScaled(sum, weight, itemContent);
            } else {
                VectorMath.addScaled(sum, weight * decay(lastEventTs - event.ts()), itemContent);
            }
        }
        long version = previous == null ? 1 : previous.version() + 1;
        long[] counts = previous == null
                ? new long[EventType.values().length]
                : inPlace ? previous.counts() : previous.counts().clone();
        counts[event.type().ordinal()]++;
        CfHistory history = previous == null ? null : previous.cfHistory();
        float[] cfVector = previous == null ? null : previous.cf();
        if (cf == null) {
            cfVector = null; // no model to fold into; the history waits for one
        } else if (history != null && history.generation() != cf.generation()) {
            // The history's factors belong to another model: they do not fit this one.
            history = null;
            cfVector = null;
        }
        float[] factor = item.cf();
        if (cf != null
                && factor != null
                && item.generation() == cf.generation()
                && factor.length == cf.solver().factors()) {
            CfHistory base = history == null ? CfHistory.empty(cf.generation()) : history;
            double cfWeight = config.cfWeightOf(event.type(), event.value());
            history = base.with(event.itemId(), cfWeight, cf.solver().whiten(factor), config.cfHistorySize());
            cfVector = history.solve(cf.solver());
        }
        return withRecent(
                new UserProfile(
                        event.userId(),
                        version,
                        lastEventTs,
                        nowMillis,
                        sum,
                        cfVector,
                        new String[0],
                        new byte[0],
                        new long[0],
                        new float[0],
                        counts,
                        history),
                previous,
                event,
                inPlace);
    }

    private double decay(long elapsedMillis) {
        return Math.pow(0.5, elapsedMillis / halfLifeMillis);
    }

    /**
     * Puts the event into the recent list, which is ordered by event time, newest first (an event
     * arriving late goes where its time puts it, not at the head), and by item id among equal times.
     * An item appears once, with its newest interaction; of two at the same time, the one whose type
     * comes later in {@link EventType}, then the larger value. The list keeps the {@code recentSize} first entries in
     * that order. Every tie is broken by the events themselves, never by their arrival, so the list
     * is the same in whatever order a parallel job delivers them.
     */
    private UserProfile withRecent(UserProfile next, UserProfile previous, InteractionEvent event, boolean inPlace) {
        int capacity = config.recentSize();
        String[] oldItems = previous == null ? new String[0] : previous.recentItems();
        byte[] oldTypes = previous == null ? new byte[0] : previous.recentTypes();
        long[] oldTimes = previous == null ? new long[0] : previous.recentTs();
        float[] oldValues = recentValuesOf(previous, oldItems.length);
        int listed = -1;
        for (int i = 0; i < oldItems.length; i++) {
            if (oldItems[i].equals(event.itemId())) {
                if (!supersedes(event, oldTimes[i], oldTypes[i], oldValues[i])) {
                    // The item is already listed with a newer interaction (or an equally new one that wins the tie).
                    return inPlace
                            ? withRecentArrays(next, oldItems, oldTypes, oldTimes, oldValues)
                            : withRecentArrays(
                                    next, oldItems.clone(), oldTypes.clone(), oldTimes.clone(), oldValues.clone());
                }
                listed = i;
            }
        }
        int n = oldItems.length;
        boolean sameLength = Math.min(capacity, listed >= 0 ? n : n + 1) == n;
        if (inPlace && sameLength) {
            insertInPlace(oldItems, oldTypes, oldTimes, oldValues, listed, event);
            return withRecentArrays(next, oldItems, oldTypes, oldTimes, oldValues);
        }
        // Indexes of the old entries that stay (all but the event's item); a plain array, as this
        // runs for every event.
        int[] keep = new int[oldItems.length];
        int kept = 0;
        for (int i = 0; i < oldItems.length; i++) {
            if (!oldItems[i].equals(event.itemId())) {
                keep[kept++] = i;
            }
        }
        int length = Math.min(capacity, kept + 1);
        String[] items = new String[length];
        byte[] types = new byte[length];
        long[] times = new long[length];
        float[] values = new float[length];
        int out = 0;
        boolean placed = false;
        for (int j = 0; j <= kept && out < length; j++) {
            if (!placed && (j == kept || !listedBefore(oldTimes[keep[j]], oldItems[keep[j]], event))) {
                items[out] = event.itemId();
                types[out] = (byte) event.type().ordinal();
                times[out] = event.ts();
                values[out] = event.value() == null ? Float.NaN : event.value().floatValue();
                out++;
                placed = true;
                if (out == length) {
                    break;
                }
            }
            if (j < kept) {
                int i = keep[j];
                items[out] = oldItems[i];
                types[out] = oldTypes[i];
                times[out] = oldTimes[i];
                values[out] = oldValues[i];
                out++;
            }
        }
        return withRecentArrays(next, items, types, times, values);
    }

    /**
     * The list change of {@link #withRecent} when the list keeps its length: the event's item, if
     * listed at {@code listed}, leaves its place, and the event goes before the first entry not
     * newer than it, pushing the oldest entry out when the list is full (or, older than every entry
     * of a full list, is not kept).
     */
    private static void insertInPlace(
            String[] items, byte[] types, long[] times, float[] values, int listed, InteractionEvent event) {
        int n = items.length;
        int kept = n;
        if (listed >= 0) {
            shift(items, types, times, values, listed + 1, listed, n - listed - 1);
            kept = n - 1;
        }
        int at = 0;
        while (at < kept && listedBefore(times[at], items[at], event)) {
            at++;
        }
        if (at == n) {
            return;
        }
        shift(items, types, times, values, at, at + 1, n - 1 - at);
        items[at] = event.itemId();
        types[at] = (byte) event.type().ordinal();
        times[at] = event.ts();
        values[at] = event.value() == null ? Float.NaN : event.value().floatValue();
    }

    /** Whether an entry (time, item) stands before the event in the recent list: newer, or as new with a smaller item id. */
    private static boolean listedBefore(long ts, String itemId, InteractionEvent event) {
        return ts != event.ts() ? ts > event.ts() : itemId.compareTo(event.itemId()) < 0;
    }

    /**
     * Whether the event replaces its item's listed entry: it is newer, or as new with a type later in
     * {@link EventType}, or the same type with a larger value (no value counts as the smallest).
     */
    private static boolean supersedes(InteractionEvent event, long ts, byte type, float value) {
        if (event.ts() != ts) {
            return event.ts() > ts;
        }
        int ordinal = event.type().ordinal();
        if (ordinal != type) {
            return ordinal > type;
        }
        float eventValue = event.value() == null ? Float.NaN : event.value().floatValue();
        return Float.isNaN(value) ? !Float.isNaN(eventValue) : eventValue > value;
    }

    private static void shift(String[] items, byte[] types, long[] times, float[] values, int from, int to, int count) {
        System.arraycopy(items, from, items, to, count);
        System.arraycopy(types, from, types, to, count);
        System.arraycopy(times, from, times, to, count);
        System.arraycopy(values, from, values, to, count);
    }

    /** The profile's recent values, or NaN (no value) for each entry of state written before they were kept. */
    private static float[] recentValuesOf(UserProfile profile, int length) {
        if (profile != null && profile.recentValues() != null && profile.recentValues().length == length) {
            return profile.recentValues();
        }
        float[] none = new float[length];
        Arrays.fill(none, Float.NaN);
        return none;
    }

    private static UserProfile withRecentArrays(
            UserProfile next, String[] items, byte[] types, long[] times, float[] values) {
        return new UserProfile(
                next.userId(),
                next.version(),
                next.lastEventTs(),
                next.updatedAt(),
                next.contentSum(),
                next.cf(),
                items,
                types,
                times,
                values,
                next.counts(),
                next.cfHistory());
    }

    /** The published form: normalised content vector, recent list, counts by type name. */
    public static UserVectors toUserVectors(UserProfile profile) {
        List<RecentInteraction> recent = new ArrayList<>(profile.recentItems().length);
        EventType[] types = EventType.values();
        for (int i = 0; i < profile.recentItems().length; i++) {
            recent.add(new RecentInteraction(
                    profile.recentItems()[i],
                    types[profile.recentTypes()[i]],
                    profile.recentTs()[i],
                    profile.recentValue(i)));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (EventType type : types) {
            long count = profile.counts()[type.ordinal()];
            if (count > 0) {
                counts.put(type.jsonName(), count);
            }
        }
        return new UserVectors(
                profile.userId(),
                profile.version(),
                profile.updatedAt(),
                profile.lastEventTs(),
                VectorMath.normalized(profile.contentSum()),
                profile.cf() == null ? null : profile.cf().clone(),
                recent,
                counts);
    }
}
