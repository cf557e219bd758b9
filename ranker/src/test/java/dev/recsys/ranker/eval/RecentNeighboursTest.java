package dev.recsys.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.rank.Candidate;
import dev.recsys.ranker.rank.ScoreSource;
import dev.recsys.ranker.records.EventType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentNeighboursTest {
    private static final ProfileConfig PROFILE = ProfileConfig.defaults();
    private static final List<String> IDS = List.of("a", "b", "c");

    /**
     * Positive interactions: item 0 by shoppers 0, 1, 3; item 1 by 0, 1, 2, 4; item 2 by 2. Shopper 4 also
     * dislikes item 0 (after viewing item 1). Cosines: sim(0,1) = 2/√12, sim(1,2) = 1/√4, sim(0,2) = 0.
     */
    private static TrainingData data() {
        return new TrainingData(
                5,
                3,
                List.of(
                        new Interaction(0, 0, 1, EventType.VIEW, null),
                        new Interaction(0, 1, 2, EventType.VIEW, null),
                        new Interaction(1, 0, 1, EventType.VIEW, null),
                        new Interaction(1, 1, 2, EventType.VIEW, null),
                        new Interaction(2, 1, 1, EventType.VIEW, null),
                        new Interaction(2, 2, 2, EventType.PURCHASE, null),
                        new Interaction(3, 0, 1, EventType.VIEW, null),
                        new Interaction(4, 1, 1, EventType.VIEW, null),
                        new Interaction(4, 0, 2, EventType.DISLIKE, null)),
                PROFILE);
    }

    @Test
    void recentListIsTheProfilesNewestFirst() {
        Profiles profiles = new Profiles(data(), IDS, null, PROFILE);
        assertArrayEquals(new int[] {2, 1}, profiles.recentItems(2));
        assertArrayEquals(new EventType[] {EventType.PURCHASE, EventType.VIEW}, profiles.recentTypes(2));
        assertArrayEquals(new int[] {0, 1}, profiles.recentItems(4));
        assertArrayEquals(new long[] {2, 1}, profiles.recentTs(4));
    }

    @Test
    void recentItemsAtTheSameTimeShareTheirRecencyWeight() {
        // Shopper 0 rates items 0 and 2 in the same millisecond, after item 1: ages 0, 0 and 2.
        TrainingData data = new TrainingData(
                3,
                3,
                List.of(
                        new Interaction(0, 1, 1, EventType.VIEW, null),
                        new Interaction(0, 2, 5, EventType.VIEW, null),
                        new Interaction(0, 0, 5, EventType.VIEW, null),
                        new Interaction(1, 0, 1, EventType.VIEW, null),
                        new Interaction(1, 1, 1, EventType.VIEW, null),
                        new Interaction(2, 1, 1, EventType.VIEW, null),
                        new Interaction(2, 2, 1, EventType.VIEW, null)),
                PROFILE);
        Profiles profiles = new Profiles(data, IDS, null, PROFILE);
        assertArrayEquals(new int[] {0, 2, 1}, profiles.recentItems(0), "equal times by item id");
        ItemKnn knn = new ItemKnn(data, 5);
        Profiles reversed = new Profiles(data, List.of("c", "b", "a"), null, PROFILE);
        assertArrayEquals(new int[] {2, 0, 1}, reversed.recentItems(0), "ids decide, not indexes");
        // Cosines: sim(0,1) = sim(2,1) = 2/√6, sim(0,2) = 1/2. Item 1 is reached from items 0 and 2, both
        // age 0 (weight 1), whichever of them is listed first; item 1 itself is age 2 (weight 1/4).
        double[] scores = RecentNeighbours.scorer(data, profiles, knn, 5, 1).scores(0);
        assertArrayEquals(
                scores, RecentNeighbours.scorer(data, reversed, knn, 5, 1).scores(0), 1e-12);
        assertEquals(2 * 2 / Math.sqrt(6), scores[1], 1e-6);
        assertEquals(0.5 + 0.25 * 2 / Math.sqrt(6), scores[0], 1e-6);
    }

    @Test
    void neighboursOfRecentItemsAreWeightedByRecencyPosition() {
        TrainingData data = data();
        Profiles profiles = new Profiles(data, IDS, null, PROFILE);
        ItemKnn knn = new ItemKnn(data, 5);
        double sim01 = 2 / Math.sqrt(12);
        double sim12 = 0.5;
        // Shopper 2: recent [2, 1]; half-life 1 position gives weights 1 and 1/2.
        double[] scores = RecentNeighbours.scorer(data, profiles, knn, 5, 1).scores(2);
        assertEquals(0.5 * sim01, scores[0], 1e-6);
        assertEquals(sim12, scores[1], 1e-6);
        // An infinite half-life weighs every recent item the same: item 1 now gives sim(1,0) in full.
        double[] flat = RecentNeighbours.scorer(data, profiles, knn, 5, Double.POSITIVE_INFINITY)
                .scores(2);
        assertEquals(sim01, flat[0], 1e-6);
        // A longer half-life moves the score of item 0 between the two.
        double[] mid = RecentNeighbours.scorer(data, profiles, knn, 5, 3).scores(2);
        assertEquals(Math.pow(0.5, 1 / 3.0) * sim01, mid[0], 1e-6);
    }

    @Test
    void aDislikedRecentItemProposesNothing() {
        TrainingData data = data();
        Profiles profiles = new Profiles(data, IDS, null, PROFILE);
        // Shopper 4: recent [0 (dislike), 1 (view)]. Only item 1, at position 1, counts.
        double[] scores = RecentNeighbours.scorer(data, profiles, new ItemKnn(data, 5), 5, 1)
                .scores(4);
        assertEquals(0.5 * 2 / Math.sqrt(12), scores[0], 1e-6);
        assertEquals(0, scores[1], 1e-12); // item 0's neighbour: left out with the dislike
        assertEquals(0.5 * 0.5, scores[2], 1e-6);
    }

    @Test
    void hybridTakesOnlyTheItemsTheNeighbourListsReach() {
        TrainingData data = data();
        Profiles profiles = new Profiles(data, IDS, null, PROFILE);
        ScoreFunction recent = RecentNeighbours.scorer(data, profiles, new ItemKnn(data, 5), 5, 1);
        Hybrid hybrid =
                new Hybrid(data, Map.of(ScoreSource.RECENT, recent), 10, new boolean[3], List.of("a", "b", "c"));
        // Shopper 3 has item 0, whose only neighbour is item 1; item 2 scores 0 and is not proposed.
        List<Candidate> candidates = hybrid.candidates(3);
        assertEquals(1, candidates.size());
        assertEquals("b", candidates.get(0).itemId());
    }

    @Test
    void rejectsKBeyondTheNeighboursBuiltAndNonPositiveHalfLife() {
        TrainingData data = data();
        Profiles profiles = new Profiles(data, IDS, null, PROFILE);
        ItemKnn knn = new ItemKnn(data, 2);
        assertThrows(IllegalArgumentException.class, () -> RecentNeighbours.scorer(data, profiles, knn, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> RecentNeighbours.scorer(data, profiles, knn, 2, 0));
    }
}
