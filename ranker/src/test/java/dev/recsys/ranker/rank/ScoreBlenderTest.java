package dev.recsys.ranker.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScoreBlenderTest {
    private static final double EPS = 1e-12;
    private final ScoreBlender blender = new ScoreBlender();

    private static Candidate candidate(String id, Map<ScoreSource, Double> raw) {
        return new Candidate(id, "seller-" + id, "home>kitchen", false, raw, Set.of("knn-content"));
    }

    private static BlendWeights only(ScoreSource... sources) {
        Map<ScoreSource, Double> weights = new EnumMap<>(ScoreSource.class);
        for (ScoreSource source : sources) {
            weights.put(source, 1.0);
        }
        return new BlendWeights(weights);
    }

    private static RankedItem find(List<RankedItem> ranked, String id) {
        return ranked.stream().filter(r -> r.itemId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void normalisesEachSourceToZeroOneSoScalesDoNotMatter() {
        // CF on [1, 3], text (BM25) on [10, 30]: equal weights must give equal say.
        List<RankedItem> ranked = blender.blend(
                List.of(
                        candidate("a", Map.of(ScoreSource.CF, 1.0, ScoreSource.TEXT, 30.0)),
                        candidate("b", Map.of(ScoreSource.CF, 2.0, ScoreSource.TEXT, 20.0)),
                        candidate("c", Map.of(ScoreSource.CF, 3.0, ScoreSource.TEXT, 10.0))),
                only(ScoreSource.CF, ScoreSource.TEXT));
        for (RankedItem item : ranked) {
            assertEquals(1.0, item.score(), EPS, item.itemId());
        }
        assertEquals(0.0, find(ranked, "a").scoreParts().get(ScoreSource.CF), EPS);
        assertEquals(0.5, find(ranked, "b").scoreParts().get(ScoreSource.CF), EPS);
        assertEquals(1.0, find(ranked, "c").scoreParts().get(ScoreSource.CF), EPS);
        assertEquals(1.0, find(ranked, "a").scoreParts().get(ScoreSource.TEXT), EPS);
    }

    @Test
    void missingSourceCountsAsZero() {
        List<RankedItem> ranked = blender.blend(
                List.of(
                        candidate("a", Map.of(ScoreSource.CF, 0.9, ScoreSource.POPULARITY, 5.0)),
                        candidate("b", Map.of(ScoreSource.CF, 0.1, ScoreSource.POPULARITY, 1.0)),
                        candidate("c", Map.of(ScoreSource.CF, 0.5))),
                only(ScoreSource.CF, ScoreSource.POPULARITY));
        RankedItem c = find(ranked, "c");
        assertFalse(c.scoreParts().containsKey(ScoreSource.POPULARITY), "no part for a source it lacks");
        assertEquals(0.5, c.score(), EPS);
        assertEquals(2.0, find(ranked, "a").score(), EPS);
        assertEquals(0.0, find(ranked, "b").score(), EPS);
    }

    @Test
    void sourceWithAllEqualScoresGivesOneToThoseThatHaveIt() {
        List<RankedItem> ranked = blender.blend(
                List.of(
                        candidate("a", Map.of(ScoreSource.CONTENT, 0.7)),
                        candidate("b", Map.of(ScoreSource.CONTENT, 0.7)),
                        candidate("c", Map.of(ScoreSource.CF, 0.2))),
                only(ScoreSource.CONTENT, ScoreSource.CF));
        assertEquals(1.0, find(ranked, "a").scoreParts().get(ScoreSource.CONTENT), EPS);
        assertEquals(1.0, find(ranked, "b").scoreParts().get(ScoreSource.CONTENT), EPS);
        assertEquals(1.0, find(ranked, "c").scoreParts().get(ScoreSource.CF), EPS, "a single value is all-equal too");
    }

    @Test
    void partsAreWeightTimesNormalisedScoreAndSumToTheScore() {
        BlendWeights weights = BlendWeights.defaults();
        List<RankedItem> ranked = blender.blend(
                List.of(
                        candidate(
                                "a",
                                Map.of(
                                        ScoreSource.CF, 2.0,
                                        ScoreSource.CONTENT, 0.3,
                                        ScoreSource.TEXT, 7.5,
                                        ScoreSource.POPULARITY, 100.0)),
                        candidate(
                                "b",
                                Map.of(
                                        ScoreSource.CF, 4.0,
                                        ScoreSource.CONTENT, 0.9,
                                        ScoreSource.TEXT, 2.5,
                                        ScoreSource.POPULARITY, 0.0)),
                        candidate("c", Map.of(ScoreSource.CF, 3.0, ScoreSource.CONTENT, 0.6))),
                weights);
        RankedItem c = find(ranked, "c");
        assertEquals(0.4 * 0.5, c.scoreParts().get(ScoreSource.CF), EPS);
        assertEquals(0.4 * 0.5, c.scoreParts().get(ScoreSource.CONTENT), EPS);
        RankedItem a = find(ranked, "a");
        assertEquals(0.5, a.scoreParts().get(ScoreSource.TEXT), EPS);
        assertEquals(0.1, a.scoreParts().get(ScoreSource.POPULARITY), EPS);
        for (RankedItem item : ranked) {
            double sum = item.scoreParts().values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
            assertEquals(item.score(), sum, EPS);
        }
    }

    @Test
    void raisingAWeightRaisesItemsStrongInThatSource() {
        List<Candidate> candidates = List.of(
                candidate("cf-strong", Map.of(ScoreSource.CF, 1.0, ScoreSource.CONTENT, 0.0)),
                candidate("content-strong", Map.of(ScoreSource.CF, 0.0, ScoreSource.CONTENT, 1.0)));
        BlendWeights base = BlendWeights.defaults();
        assertEquals(
                "cf-strong",
                blender.blend(candidates, base.with(ScoreSource.CF, 2)).get(0).itemId());
        assertEquals(
                "content-strong",
                blender.blend(candidates, base.with(ScoreSource.CONTENT, 2))
                        .get(0)
                        .itemId());
        RankedItem zero = blender.blend(candidates, base.with(ScoreSource.CF, 0)).stream()
                .filter(r -> r.itemId().equals("cf-strong"))
                .findFirst()
                .orElseThrow();
        assertEquals(0.0, zero.scoreParts().get(ScoreSource.CF), EPS);
    }

    @Test
    void sortsByScoreThenItemIdWhateverTheInputOrder() {
        Random random = new Random(11);
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // Coarse scores, so that many tie.
            candidates.add(candidate(
                    "item-" + i, Map.of(ScoreSource.CF, (double) random.nextInt(5), ScoreSource.CONTENT, (double)
                            random.nextInt(3))));
        }
        List<RankedItem> reference = blender.blend(candidates, BlendWeights.defaults());
        for (int i = 1; i < reference.size(); i++) {
            RankedItem previous = reference.get(i - 1);
            RankedItem current = reference.get(i);
            assertTrue(
                    previous.score() > current.score()
                            || (previous.score() == current.score()
                                    && previous.itemId().compareTo(current.itemId()) < 0),
                    "order at " + i);
            assertEquals(i + 1, current.blendedRank());
            assertFalse(current.movedByFairness());
        }
        for (int round = 0; round < 10; round++) {
            List<Candidate> shuffled = new ArrayList<>(candidates);
            Collections.shuffle(shuffled, random);
            assertEquals(reference, blender.blend(shuffled, BlendWeights.defaults()));
        }
    }

    @Test
    void keepsOriginsSellerCategoryAndGroup() {
        Candidate a = new Candidate(
                "a", "s-1", "home>garden", true, Map.of(ScoreSource.CONTENT, 0.4), Set.of("trending", "knn-content"));
        RankedItem ranked = blender.blend(List.of(a), BlendWeights.defaults()).get(0);
        assertEquals("s-1", ranked.sellerId());
        assertEquals("home>garden", ranked.category());
        assertTrue(ranked.protectedItem());
        assertEquals(List.of("knn-content", "trending"), List.copyOf(ranked.origins()), "origins sorted");
        assertEquals(1, ranked.blendedRank());
    }

    @Test
    void emptyCandidatesGiveAnEmptyRanking() {
        assertTrue(blender.blend(List.of(), BlendWeights.defaults()).isEmpty());
    }

    @Test
    void rejectsTheSameItemTwice() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> blender.blend(
                        List.of(candidate("a", Map.of(ScoreSource.CF, 1.0)), candidate("a", Map.of())),
                        BlendWeights.defaults()));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    }

    @Test
    void rejectsNullArguments() {
        List<Candidate> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> blender.blend(withNull, BlendWeights.defaults()));
        assertThrows(NullPointerException.class, () -> blender.blend(null, BlendWeights.defaults()));
        assertThrows(NullPointerException.class, () -> blender.blend(List.of(), null));
    }

    @Test
    void candidateCopiesItsCollections() {
        Map<ScoreSource, Double> raw = new HashMap<>(Map.of(ScoreSource.CF, 1.0));
        Set<String> origins = new HashSet<>(Set.of("new"));
        Candidate c = new Candidate("a", "s", null, false, raw, origins);
        raw.put(ScoreSource.TEXT, 3.0);
        origins.add("bm25");
        assertEquals(Map.of(ScoreSource.CF, 1.0), c.rawScores());
        assertEquals(Set.of("new"), c.origins());
        assertEquals("", c.category());
        assertThrows(UnsupportedOperationException.class, () -> c.rawScores().put(ScoreSource.CF, 2.0));
        assertThrows(UnsupportedOperationException.class, () -> c.origins().add("x"));
    }

    @Test
    void candidateRejectsBadValuesNamingThem() {
        IllegalArgumentException nan = assertThrows(
                IllegalArgumentException.class,
                () -> new Candidate("a", "s", "", false, Map.of(ScoreSource.TEXT, Double.NaN), Set.of()));
        assertEquals("rawScores[text] must be a finite number, got NaN", nan.getMessage());
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> new Candidate(" ", "s", "", false, Map.of(), Set.of()))
                .getMessage()
                .startsWith("itemId"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> new Candidate("a", null, "", false, Map.of(), Set.of()))
                .getMessage()
                .startsWith("sellerId"));
    }

    @Test
    void rankedItemRejectsRankBelowOne() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new RankedItem("a", "s", "", false, 1, Map.of(), Set.of(), 0, false));
        assertEquals("blendedRank must be at least 1, got 0", e.getMessage());
    }
}
