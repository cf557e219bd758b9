package dev.recsys.tools.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.eval.Dataset;
import dev.recsys.ranker.eval.Evaluator;
import dev.recsys.ranker.eval.FairnessFrontier;
import dev.recsys.ranker.eval.Interaction;
import dev.recsys.ranker.eval.ItemContent;
import dev.recsys.ranker.eval.ItemKnn;
import dev.recsys.ranker.eval.OfflineEvaluation;
import dev.recsys.ranker.eval.SequenceOptions;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.sequence.SequenceFilter;
import dev.recsys.ranker.sequence.SequenceModelConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The sequence model in the offline evaluation, trained with DJL: on shoppers who walk a chain of items
 * (each takes the item after their last), its rows and choices.
 */
class SequenceEvaluationTest {
    private static final int ITEMS = 60;
    private static final int USERS = 240;
    private static final int STEPS = 10;

    /** Each shopper starts anywhere on a ring of items and takes the next one, one a minute. */
    private static Dataset chains(long seed) {
        Random random = new Random(seed);
        List<String> users = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            items.add("i" + i);
        }
        List<Interaction> interactions = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            users.add("u" + u);
            int start = random.nextInt(ITEMS);
            for (int step = 0; step < STEPS; step++) {
                interactions.add(new Interaction(
                        u, (start + step) % ITEMS, 60_000L * (u * STEPS + step), EventType.PURCHASE, null));
            }
        }
        return new Dataset(users, items, interactions);
    }

    private static float[][] noise(long seed) {
        Random random = new Random(seed);
        float[][] vectors = new float[ITEMS][4];
        for (float[] vector : vectors) {
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) random.nextGaussian();
            }
        }
        return vectors;
    }

    private static OfflineEvaluation.Options options() {
        return new OfflineEvaluation.Options(
                2,
                3,
                5,
                List.of(8),
                List.of(1.0),
                List.of(1.0),
                List.of(10),
                List.of(Duration.ofDays(1)),
                List.of(0.0, 0.4),
                List.of(0.0, 0.4),
                List.of(0.3, 0.6),
                List.of(5),
                List.of(2.0),
                List.of(0.0), // no recent-item neighbours: on a chain they alone would find the next item
                List.of(ItemKnn.NO_WINDOW));
    }

    private static Evaluator.Result row(OfflineEvaluation.Report report, Predicate<String> name) {
        return report.test().stream()
                .filter(r -> name.test(r.name()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no such row in " + report.test()));
    }

    @Test
    void theSequenceModelLearnsWhatComesNextAndTheHybridTakesItIn() {
        SequenceModelConfig config = new SequenceModelConfig(16, 1, 1, 10, 0.1f, 20, 60, 32, 0.01f, 7);
        SequenceOptions sequence = new SequenceOptions(
                new DjlSequenceFitter(),
                List.of(config),
                List.of(SequenceFilter.POSITIVE),
                5,
                2,
                10,
                List.of(0.0, 0.8, 3.2));
        List<String> log = new ArrayList<>();

        OfflineEvaluation.Report report = OfflineEvaluation.run(
                chains(3), List.of(new ItemContent("noise", noise(4))), options(), sequence, log::add);

        Evaluator.Result alone = row(report, n -> n.startsWith("Sequence model alone"));
        for (Evaluator.Result baseline : report.baselines()) {
            if (baseline != alone) {
                assertTrue(
                        alone.ndcg10() > baseline.ndcg10() + 0.1,
                        "sequence model " + alone.ndcg10() + " against " + baseline.name() + " " + baseline.ndcg10());
            }
        }
        assertTrue(alone.ndcg10() > 0.5, "the next item on the chain ranks near the top: " + alone.ndcg10());
        Evaluator.Result hybrid = row(report, n -> n.equals("Hybrid (noise content)"));
        Evaluator.Result withSequence = row(report, n -> n.equals("Hybrid with the sequence model (noise content)"));
        assertTrue(
                withSequence.ndcg10() > hybrid.ndcg10(),
                "with the sequence model " + withSequence.ndcg10() + ", without " + hybrid.ndcg10());

        // The fairness frontier with the sequence model: every p, and a stricter quota shows more of the tail.
        List<FairnessFrontier.Point> frontier = report.contents().get(0).sequenceFrontier();
        assertEquals(
                FairnessFrontier.P,
                frontier.stream().map(FairnessFrontier.Point::p).toList());
        for (FairnessFrontier.Point point : frontier) {
            assertEquals(
                    "Hybrid with the sequence model + FA*IR (noise content) p=" + point.p(),
                    point.result().name());
        }
        assertTrue(
                frontier.getLast().longTailExposure() > frontier.getFirst().longTailExposure(),
                "long-tail exposure at p=0.9 " + frontier.getLast().longTailExposure() + ", at p=0.1 "
                        + frontier.getFirst().longTailExposure());

        OfflineEvaluation.Chosen chosen = report.contents().get(0).chosen();
        assertNotNull(chosen.sequence());
        assertTrue(chosen.sequence().config().epochs() >= 5
                && chosen.sequence().config().epochs() <= 60);
        assertTrue(chosen.sequenceWeights().weight(dev.recsys.ranker.rank.ScoreSource.SEQ) > 0);
        assertTrue(log.stream().anyMatch(line -> line.contains("sequence dim=16") && line.contains("epoch=5")));
        assertTrue(log.stream()
                .anyMatch(line ->
                        line.contains("best epoch " + chosen.sequence().config().epochs())));
        OfflineEvaluation.SequenceSummary summary = report.sequence();
        assertEquals(chosen.sequence(), summary.choice());
        assertEquals(
                (ITEMS + 1) * 16L + 10 * 16L + 2 * 16 + (2 * 16 + 4 * (16 * 16 + 16) + 2 * 16 + 2 * (16 * 16 + 16)),
                summary.parameters(),
                "items, positions, final norm and one block");
    }
}
