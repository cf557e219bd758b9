package dev.recsys.ranker.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.UserVectors;
import dev.recsys.ranker.vector.VectorMath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileUpdaterTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();

    private final ProfileUpdater updater = new ProfileUpdater(ProfileConfig.defaults());
    private int eventCounter;

    private InteractionEvent event(String itemId, EventType type, long ts) {
        return InteractionEvent.of("e-" + (eventCounter++), "u-1", itemId, type, ts);
    }

    private static float[] published(UserProfile profile) {
        return ProfileUpdater.toUserVectors(profile).content();
    }

    @Test
    void firstEventStartsTheProfileAtTheItem() {
        UserProfile profile = updater.apply(null, event("a", EventType.VIEW, T0), new float[] {3, 4}, T0 + 5);
        assertArrayEquals(new float[] {0.6f, 0.8f}, published(profile), 1e-6f);
        assertEquals(1, profile.version());
        assertEquals(T0, profile.lastEventTs());
        assertEquals(T0 + 5, profile.updatedAt());
    }

    @Test
    void viewPullsProfileTowardTheItem() {
        float[] item = {0, 1, 0};
        UserProfile before = updater.apply(null, event("a", EventType.VIEW, T0), new float[] {1, 0, 0}, T0);
        UserProfile after = updater.apply(before, event("b", EventType.VIEW, T0 + HOUR), item, T0);
        assertTrue(
                VectorMath.cosine(published(after), item) > VectorMath.cosine(published(before), item) + 0.1,
                "the view should pull the profile toward the item");
    }

    @Test
    void dislikePushesProfileAwayFromTheItem() {
        float[] item = {0.6f, 0.8f};
        UserProfile before = updater.apply(null, event("a", EventType.PURCHASE, T0), new float[] {1, 0}, T0);
        UserProfile after = updater.apply(before, event("b", EventType.DISLIKE, T0 + HOUR), item, T0);
        double cosineBefore = VectorMath.cosine(published(before), item);
        double cosineAfter = VectorMath.cosine(published(after), item);
        assertEquals(0.6, cosineBefore, 1e-6);
        assertTrue(cosineAfter < cosineBefore - 0.1, "cosine after the dislike: " + cosineAfter);
    }

    @Test
    void ratingAboveNeutralPullsAndBelowNeutralPushes() {
        ProfileConfig config = ProfileConfig.defaults();
        assertTrue(config.weightOf(EventType.RATE, 5.0) > 0);
        assertTrue(config.weightOf(EventType.RATE, 1.0) < 0);
        assertEquals(0, config.weightOf(EventType.RATE, config.neutralRating()));
        assertEquals(0, config.weightOf(EventType.RATE, null));
    }

    @Test
    void versionIncrementsByOneAndCountsEachType() {
        UserProfile profile = null;
        EventType[] types = {EventType.VIEW, EventType.VIEW, EventType.CLICK, EventType.PURCHASE, EventType.DISLIKE};
        for (int i = 0; i < types.length; i++) {
            profile = updater.apply(profile, event("i" + i, types[i], T0 + i), new float[] {1, i}, T0);
            assertEquals(i + 1, profile.version());
        }
        UserVectors vectors = ProfileUpdater.toUserVectors(profile);
        assertEquals(Map.of("view", 2L, "click", 1L, "purchase", 1L, "dislike", 1L), vectors.counts());
        assertEquals(5, vectors.version());
    }

    @Test
    void recentListIsNewestFirstWithoutDuplicatesAndCapped() {
        ProfileUpdater small = new ProfileUpdater(
                new ProfileConfig(Duration.ofDays(1), ProfileConfig.defaults().weights(), 2.0, 2.5, 3));
        UserProfile profile = null;
        String[] items = {"a", "b", "a", "c", "d"};
        for (int i = 0; i < items.length; i++) {
            profile = small.apply(profile, event(items[i], EventType.VIEW, T0 + i), new float[] {1}, T0);
        }
        assertArrayEquals(new String[] {"d", "c", "a"}, profile.recentItems());
        assertArrayEquals(new long[] {T0 + 4, T0 + 3, T0 + 2}, profile.recentTs());
    }

    @Test
    void repeatedItemMovesToTheFrontWithItsLatestType() {
        UserProfile profile = updater.apply(null, event("a", EventType.VIEW, T0), new float[] {1}, T0);
        profile = updater.apply(profile, event("b", EventType.VIEW, T0 + 1), new float[] {1}, T0);
        profile = updater.apply(profile, event("a", EventType.PURCHASE, T0 + 2), new float[] {1}, T0);
        assertEquals(
                List.of(
                        new RecentInteraction("a", EventType.PURCHASE, T0 + 2),
                        new RecentInteraction("b", EventType.VIEW, T0 + 1)),
                ProfileUpdater.toUserVectors(profile).recent());
    }

    @Test
    void lateEventTakesItsPlaceByEventTimeInTheRecentList() {
        UserProfile profile = updater.apply(null, event("a", EventType.VIEW, T0 + 10), new float[] {1}, T0);
        profile = updater.apply(profile, event("b", EventType.VIEW, T0 + 30), new float[] {1}, T0);
        profile = updater.apply(profile, event("c", EventType.VIEW, T0 + 20), new float[] {1}, T0);
        assertArrayEquals(new String[] {"b", "c", "a"}, profile.recentItems());
        // An older interaction with an item already listed does not replace the newer one.
        profile = updater.apply(profile, event("b", EventType.CLICK, T0 + 5), new float[] {1}, T0);
        assertArrayEquals(new String[] {"b", "c", "a"}, profile.recentItems());
        assertEquals(EventType.VIEW.ordinal(), profile.recentTypes()[0]);
        assertEquals(4, profile.version());
    }

    @Test
    void decayHalvesTheWeightAfterOneHalfLife() {
        float[] a = {1, 0};
        float[] b = {0, 1};
        UserProfile profile = updater.apply(null, event("a", EventType.VIEW, T0), a, T0);
        profile = updater.apply(profile, event("b", EventType.VIEW, T0 + DAY), b, T0);
        assertArrayEquals(new float[] {0.5f, 1f}, profile.contentSum(), 1e-7f);
        assertEquals(T0 + DAY, profile.lastEventTs());
    }

    @Test
    void lateEventIsAddedWithItsOwnDecay() {
        float[] a = {1, 0};
        float[] b = {0, 1};
        UserProfile profile = updater.apply(null, event("b", EventType.VIEW, T0 + DAY), b, T0);
        profile = updater.apply(profile, event("a", EventType.VIEW, T0), a, T0);
        assertArrayEquals(new float[] {0.5f, 1f}, profile.contentSum(), 1e-7f);
        assertEquals(T0 + DAY, profile.lastEventTs(), "a late event does not move the decay origin back");
    }

    @Test
    void shuffledEventsGiveTheSameProfile() {
        Random random = new Random(20240501L);
        int dimension = 8;
        Map<String, float[]> vectors = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            float[] v = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                v[d] = (float) random.nextGaussian();
            }
            vectors.put("item-" + i, VectorMath.normalized(v));
        }
        EventType[] types = EventType.values();
        List<InteractionEvent> events = new ArrayList<>();
        Set<Long> times = new HashSet<>();
        while (events.size() < 200) {
            long ts = T0 + (long) (random.nextDouble() * 5 * DAY);
            if (!times.add(ts)) {
                continue; // distinct times, so the recent list has one right order too
            }
            EventType type = types[random.nextInt(types.length)];
            Double value = type == EventType.RATE ? (double) random.nextInt(6) : null;
            events.add(new InteractionEvent(
                    "e" + events.size(), "u-1", "item-" + random.nextInt(30), type, ts, value, null, null));
        }
        List<InteractionEvent> inOrder = new ArrayList<>(events);
        inOrder.sort((x, y) -> Long.compare(x.ts(), y.ts()));
        UserVectors reference = ProfileUpdater.toUserVectors(applyAll(inOrder, vectors));
        for (int round = 0; round < 5; round++) {
            List<InteractionEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);
            UserVectors result = ProfileUpdater.toUserVectors(applyAll(shuffled, vectors));
            assertArrayEquals(reference.content(), result.content(), 1e-5f);
            assertEquals(reference.version(), result.version());
            assertEquals(reference.eventTs(), result.eventTs());
            assertEquals(reference.counts(), result.counts());
            assertEquals(reference.recent(), result.recent());
        }
    }

    @Test
    void recentListWithEqualTimesIsTheSameInAnyArrivalOrder() {
        // Coarse times and few items: many events share a time, and an item often has several events at
        // one time (a rating batch in one second, a view and a purchase logged together).
        ProfileUpdater small = new ProfileUpdater(
                new ProfileConfig(Duration.ofDays(1), ProfileConfig.defaults().weights(), 2.0, 2.5, 6));
        Random random = new Random(20261124L);
        EventType[] types = EventType.values();
        List<InteractionEvent> events = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            EventType type = types[random.nextInt(types.length)];
            Double value = type == EventType.RATE ? (double) random.nextInt(6) : null;
            events.add(new InteractionEvent(
                    "e" + i,
                    "u-1",
                    "item-" + random.nextInt(12),
                    type,
                    T0 + random.nextInt(4) * HOUR,
                    value,
                    null,
                    null));
        }
        List<RecentInteraction> expected = canonicalRecent(events, 6);
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(events, random);
            UserProfile copied = null;
            UserProfile inPlace = null;
            for (InteractionEvent e : events) {
                copied = small.apply(copied, e, new float[] {1}, T0);
                inPlace =
                        small.applyInPlace(inPlace, e, new ItemVectors(e.itemId(), 0, new float[] {1}, null), null, T0);
            }
            assertEquals(expected, ProfileUpdater.toUserVectors(copied).recent(), "round " + round);
            assertEquals(expected, ProfileUpdater.toUserVectors(inPlace).recent(), "round " + round + ", in place");
        }
    }

    /**
     * The recent list by its definition: per item the interaction with the latest time, then the later
     * type, then the larger value; items by time, newest first, then by id; the first {@code size}.
     */
    private static List<RecentInteraction> canonicalRecent(List<InteractionEvent> events, int size) {
        Comparator<InteractionEvent> stage = Comparator.comparingLong(InteractionEvent::ts)
                .thenComparing(InteractionEvent::type)
                .thenComparing(e -> e.value() == null ? Double.NEGATIVE_INFINITY : e.value());
        Map<String, InteractionEvent> latest = new HashMap<>();
        for (InteractionEvent e : events) {
            latest.merge(e.itemId(), e, (a, b) -> stage.compare(a, b) >= 0 ? a : b);
        }
        return latest.values().stream()
                .sorted(Comparator.comparingLong(InteractionEvent::ts)
                        .reversed()
                        .thenComparing(InteractionEvent::itemId))
                .limit(size)
                .map(e -> new RecentInteraction(e.itemId(), e.type(), e.ts(), e.value()))
                .toList();
    }

    private UserProfile applyAll(List<InteractionEvent> events, Map<String, float[]> vectors) {
        UserProfile profile = null;
        for (InteractionEvent e : events) {
            profile = updater.apply(profile, e, vectors.get(e.itemId()), T0);
        }
        return profile;
    }

    @Test
    void updatingInPlaceGivesWhatCopyingGives() {
        ProfileConfig defaults = ProfileConfig.defaults();
        ProfileUpdater small = new ProfileUpdater(new ProfileConfig(
                defaults.halfLife(), defaults.weights(), defaults.ratingWeight(), defaults.neutralRating(), 5));
        Random random = new Random(20261124L);
        EventType[] types = EventType.values();
        Map<String, float[]> vectors = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            vectors.put("item-" + i, new float[] {(float) random.nextGaussian(), (float) random.nextGaussian()});
        }
        UserProfile copied = null;
        UserProfile inPlace = null;
        int reusedSums = 0;
        for (int i = 0; i < 2_000; i++) {
            // Few items, coarse times: repeats, equal times and late events are all common.
            long ts = T0 + random.nextInt(40) * HOUR;
            EventType type = types[random.nextInt(types.length)];
            Double value = type == EventType.RATE ? (double) random.nextInt(6) : null;
            InteractionEvent event =
                    new InteractionEvent("e" + i, "u-1", "item-" + random.nextInt(8), type, ts, value, null, null);
            ItemVectors item = new ItemVectors(event.itemId(), 0, vectors.get(event.itemId()), null);
            UserProfile before = copied == null ? null : copied.deepCopy();
            UserProfile next = small.apply(copied, event, item, null, T0 + i);
            if (copied != null) {
                assertSameProfile(before, copied); // apply leaves its input alone
            }
            float[] sumBefore = inPlace == null ? null : inPlace.contentSum();
            inPlace = small.applyInPlace(inPlace, event, item, null, T0 + i);
            reusedSums += inPlace.contentSum() == sumBefore ? 1 : 0;
            copied = next;
            assertSameProfile(copied, inPlace);
        }
        assertEquals(1_999, reusedSums, "every update after the first reuses the content sum");
    }

    @Test
    void updatingInPlaceFillsInValuesMissingFromOldState() {
        UserProfile full = null;
        for (int i = 0; i < 25; i++) {
            full = updater.apply(full, event("item-" + i, EventType.VIEW, T0 + i), new float[] {1, 0}, T0);
        }
        UserProfile old = new UserProfile(
                full.userId(),
                full.version(),
                full.lastEventTs(),
                full.updatedAt(),
                full.contentSum(),
                null,
                full.recentItems(),
                full.recentTypes(),
                full.recentTs(),
                null,
                full.counts(),
                null);
        InteractionEvent rating = new InteractionEvent("e-r", "u-1", "film", EventType.RATE, T0 + 100, 4.5, null, null);
        ItemVectors film = new ItemVectors("film", 0, new float[] {0, 1}, null);
        UserProfile copied = updater.apply(old.deepCopy(), rating, film, null, T0);
        UserProfile inPlace = updater.applyInPlace(old.deepCopy(), rating, film, null, T0);
        assertSameProfile(copied, inPlace);
        assertEquals(4.5, inPlace.recentValue(0));
        assertEquals(null, inPlace.recentValue(1));
    }

    private static void assertSameProfile(UserProfile expected, UserProfile actual) {
        assertEquals(expected.version(), actual.version());
        assertEquals(expected.lastEventTs(), actual.lastEventTs());
        assertEquals(expected.updatedAt(), actual.updatedAt());
        assertArrayEquals(expected.contentSum(), actual.contentSum());
        assertArrayEquals(expected.recentItems(), actual.recentItems());
        assertArrayEquals(expected.recentTypes(), actual.recentTypes());
        assertArrayEquals(expected.recentTs(), actual.recentTs());
        assertArrayEquals(expected.recentValues(), actual.recentValues());
        assertArrayEquals(expected.counts(), actual.counts());
    }

    @Test
    void aRatingKeepsItsStarsInTheRecentList() {
        InteractionEvent rating = new InteractionEvent("e-r", "u-1", "film", EventType.RATE, T0, 4.5, null, null);
        UserProfile profile = updater.apply(null, rating, new float[] {1}, T0);
        profile = updater.apply(profile, event("shoe", EventType.VIEW, T0 + 1), new float[] {1}, T0);
        UserVectors vectors = ProfileUpdater.toUserVectors(profile);
        assertEquals(
                List.of(
                        new RecentInteraction("shoe", EventType.VIEW, T0 + 1, null),
                        new RecentInteraction("film", EventType.RATE, T0, 4.5)),
                vectors.recent());
        // State written before values were kept reads as "no value".
        UserProfile old = new UserProfile(
                profile.userId(),
                profile.version(),
                profile.lastEventTs(),
                profile.updatedAt(),
                profile.contentSum(),
                profile.cf(),
                profile.recentItems(),
                profile.recentTypes(),
                profile.recentTs(),
                null,
                profile.counts(),
                profile.cfHistory());
        assertEquals(null, ProfileUpdater.toUserVectors(old).recent().get(1).value());
        assertEquals(
                4.0,
                ProfileUpdater.toUserVectors(updater.apply(
                                old,
                                new InteractionEvent("e-r2", "u-1", "film", EventType.RATE, T0 + 2, 4.0, null, null),
                                new float[] {1},
                                T0))
                        .recent()
                        .get(0)
                        .value());
    }

    @Test
    void rejectsAnEventOfAnotherShopper() {
        UserProfile profile = updater.apply(null, event("a", EventType.VIEW, T0), new float[] {1}, T0);
        InteractionEvent other = InteractionEvent.of("e-x", "u-2", "a", EventType.VIEW, T0);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> updater.apply(profile, other, new float[] {1}, T0));
        assertTrue(e.getMessage().contains("u-2") && e.getMessage().contains("u-1"), e.getMessage());
    }

    @Test
    void newEmbeddingSizeStartsTheSumAfresh() {
        UserProfile profile = updater.apply(null, event("a", EventType.VIEW, T0), new float[] {1, 0}, T0);
        profile = updater.apply(profile, event("b", EventType.VIEW, T0 + 1), new float[] {0, 0, 2}, T0);
        assertArrayEquals(new float[] {0, 0, 2}, profile.contentSum());
        assertEquals(2, profile.version());
    }

    @Test
    void configRejectsHalfLifeShorterThanAMillisecond() {
        Map<EventType, Double> weights = ProfileConfig.defaults().weights();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new ProfileConfig(Duration.ofNanos(10), weights, 2.0, 2.5, 20));
        assertTrue(e.getMessage().startsWith("halfLife"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ProfileConfig(Duration.ZERO, weights, 2.0, 2.5, 20));
    }

    @Test
    void configRejectsMissingWeightNamingTheType() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new ProfileConfig(Duration.ofDays(1), Map.of(EventType.VIEW, 1.0), 2.0, 2.5, 20));
        assertTrue(e.getMessage().startsWith("weights"), e.getMessage());
    }
}
