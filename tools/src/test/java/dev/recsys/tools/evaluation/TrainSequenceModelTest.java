package dev.recsys.tools.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.json.SequenceModelJson;
import dev.recsys.ranker.sequence.SequenceEncoder;
import dev.recsys.ranker.sequence.SequenceFilter;
import dev.recsys.ranker.sequence.SequenceModelFile;
import dev.recsys.ranker.vector.VectorMath;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code recsys train --model sequence | all}: the sequence model written to {@code --out}. */
class TrainSequenceModelTest {
    private static final int ITEMS = 12;

    @TempDir
    Path dir;

    /** A catalog of items i0 … i11 and shoppers who each walk four steps along the ring, one a minute. */
    private Path[] ringData() throws Exception {
        String[] ids = new String[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            ids[i] = "i" + i;
        }
        Path catalogFile = EvaluationToolsTest.catalog(dir, ids);
        StringBuilder csv = new StringBuilder("user,item,ts,type\n");
        Random random = new Random(5);
        for (int u = 0; u < 150; u++) {
            int start = random.nextInt(ITEMS);
            for (int step = 0; step < 4; step++) {
                csv.append("u")
                        .append(u)
                        .append(",i")
                        .append((start + step) % ITEMS)
                        .append(',')
                        .append(60_000L * (u * 4 + step))
                        .append(",purchase\n");
            }
        }
        Path log = dir.resolve("log.csv");
        Files.writeString(log, csv);
        return new Path[] {log, catalogFile};
    }

    @Test
    void allTrainsBothModelsAndTheSequenceModelReadsBackAndKnowsWhatComesNext() throws Exception {
        Path[] data = ringData();
        Path out = dir.resolve("out");

        int status = TrainCli.run(new String[] {
            "--interactions",
            data[0].toString(),
            "--catalog",
            data[1].toString(),
            "--model",
            "all",
            "--factors",
            "2",
            "--threads",
            "1",
            "--sequence-epochs",
            "40",
            "--sequence-negatives",
            "all",
            "--out",
            out.toString()
        });

        assertEquals(0, status);
        assertTrue(Files.isRegularFile(out.resolve("yty.json")), "ALS trained beside it");
        SequenceModelFile file =
                SequenceModelJson.parse(Files.readString(out.resolve(TrainCli.SEQUENCE_FILE), StandardCharsets.UTF_8));
        assertEquals(SequenceFilter.POSITIVE, file.filter());
        assertEquals(ITEMS, file.itemIds().size());
        Map<String, Integer> ids = file.modelIds();
        SequenceEncoder encoder = new SequenceEncoder(file.weights());
        int right = 0;
        for (int i = 0; i < ITEMS; i++) {
            float[] shopper = encoder.embed(new int[] {ids.get("i" + i), ids.get("i" + (i + 1) % ITEMS)});
            String best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (String item : file.itemIds()) {
                double score = VectorMath.dot(shopper, file.weights().items()[ids.get(item)]);
                if (score > bestScore) {
                    bestScore = score;
                    best = item;
                }
            }
            right += best.equals("i" + (i + 2) % ITEMS) ? 1 : 0;
        }
        assertTrue(right >= ITEMS * 3 / 4, "the item two steps on ranks first after " + right + " of " + ITEMS);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "als|--model|trees|--model must be als, sequence or all, got 'trees'",
                "sequence|--sequence-negatives|some|--sequence-negatives must be a count or all, got 'some'",
                "sequence|--sequence-negatives|0|--sequence-negatives must be"
            })
    void aBadModelFlagIsRefusedNamingTheFlag(String model, String flag, String value, String expected)
            throws Exception {
        Path[] data = ringData();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = TrainCli.run(
                new String[] {
                    "--interactions",
                    data[0].toString(),
                    "--catalog",
                    data[1].toString(),
                    flag.equals("--model") ? "--threads" : "--model",
                    flag.equals("--model") ? "1" : model,
                    flag,
                    value,
                    "--out",
                    dir.resolve("x").toString()
                },
                Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);

        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, status, message);
        assertTrue(message.contains(expected), message);
        assertFalse(Files.exists(dir.resolve("x")), "nothing written for a refused command");
    }
}
