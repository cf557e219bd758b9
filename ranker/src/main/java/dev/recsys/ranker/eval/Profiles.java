package dev.recsys.ranker.eval;

import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.profile.ProfileUpdater;
import dev.recsys.ranker.profile.UserProfile;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every shopper's profile at the end of their training history, built by {@link ProfileUpdater} replaying
 * the interactions in event-time order (the stream job's code path): the normalised content vector and the
 * recent list, newest first, as the feed reads them. Events carry the data set's item ids, since the recent
 * list orders equal times by item id.
 */
public final class Profiles {
    private static final EventType[] TYPES = EventType.values();
    private static final float[] NO_CONTENT = new float[1];

    private final float[][] content;
    private final int[][] recentItems;
    private final EventType[][] recentTypes;
    private final long[][] recentTs;
    private final Double[][] recentValues;

    /**
     * @param itemIds item id by index
     * @param itemContent content vector per item, or {@code null} when only the recent lists are needed
     */
    public Profiles(TrainingData data, List<String> itemIds, float[][] itemContent, ProfileConfig config) {
        if (itemIds.size() != data.items()) {
            throw new IllegalArgumentException("itemIds has " + itemIds.size() + " ids for " + data.items() + " items");
        }
        if (itemContent != null && itemContent.length != data.items()) {
            throw new IllegalArgumentException(
                    "itemContent has " + itemContent.length + " vectors for " + data.items() + " items");
        }
        Map<String, Integer> indexOf = new HashMap<>(2 * itemIds.size());
        for (int i = 0; i < itemIds.size(); i++) {
            indexOf.put(itemIds.get(i), i);
        }
        ProfileUpdater updater = new ProfileUpdater(config);
        int users = data.users();
        content = new float[users][];
        recentItems = new int[users][];
        recentTypes = new EventType[users][];
        recentTs = new long[users][];
        recentValues = new Double[users][];
        var histories = data.byUser();
        for (int u = 0; u < users; u++) {
            UserProfile profile = null;
            int n = 0;
            for (Interaction interaction : histories.get(u)) {
                InteractionEvent event = new InteractionEvent(
                        "e" + u + "-" + n++,
                        "u" + u,
                        itemIds.get(interaction.item()),
                        interaction.type(),
                        interaction.ts(),
                        interaction.value(),
                        null,
                        null);
                float[] vector = itemContent == null ? NO_CONTENT : itemContent[interaction.item()];
                profile = updater.apply(
                        profile, event, new ItemVectors(event.itemId(), 0, vector, null), null, interaction.ts());
            }
            if (profile == null) {
                recentItems[u] = new int[0];
                recentTypes[u] = new EventType[0];
                recentTs[u] = new long[0];
                recentValues[u] = new Double[0];
                continue;
            }
            content[u] = itemContent == null
                    ? null
                    : ProfileUpdater.toUserVectors(profile).content();
            String[] ids = profile.recentItems();
            recentItems[u] = new int[ids.length];
            recentTypes[u] = new EventType[ids.length];
            recentValues[u] = new Double[ids.length];
            for (int r = 0; r < ids.length; r++) {
                recentItems[u][r] = indexOf.get(ids[r]);
                recentTypes[u][r] = TYPES[profile.recentTypes()[r]];
                recentValues[u][r] = profile.recentValue(r);
            }
            recentTs[u] = profile.recentTs().clone();
        }
    }

    /** The normalised content vector, or {@code null} for a shopper without history (shared; do not modify). */
    public float[] content(int user) {
        return content[user];
    }

    /** Item indexes of the recent list, newest first (shared; do not modify). */
    public int[] recentItems(int user) {
        return recentItems[user];
    }

    /** Event types parallel to {@link #recentItems} (shared; do not modify). */
    public EventType[] recentTypes(int user) {
        return recentTypes[user];
    }

    /** Event values (a rating's stars, else null) parallel to {@link #recentItems} (shared; do not modify). */
    public Double[] recentValues(int user) {
        return recentValues[user];
    }

    /** Event times parallel to {@link #recentItems}, newest first (shared; do not modify). */
    public long[] recentTs(int user) {
        return recentTs[user];
    }
}
