package dev.recsys.tools.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.recsys.cli.Cli;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.ranker.json.SequenceModelJson;
import dev.recsys.ranker.sequence.SequenceEncoder;
import dev.recsys.ranker.sequence.SequenceModelFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load tests' sample model covers exactly the generated catalog's items, in the shipped format. */
class SampleSequenceModelTest {
    @TempDir
    Path dir;

    @Test
    void itsItemsAreTheGeneratedCatalogsAndItReadsBack() throws Exception {
        Path out = dir.resolve("model.json");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        assertEquals(
                0,
                Cli.run(
                        new SampleSequenceModel(quiet),
                        new String[] {"--count", "40", "--out", out.toString()},
                        Map.of(),
                        quiet,
                        quiet));
        SequenceModelFile model = SequenceModelJson.parse(Files.readString(out));
        List<String> catalog = new ArrayList<>();
        SampleCatalog.stream(40, 7, item -> catalog.add(item.itemId()));
        assertEquals(catalog, model.itemIds());
        assertEquals(64, model.weights().dimension());
        assertNotNull(new SequenceEncoder(model.weights()).embed(new int[] {1, 2, 3}));
        assertEquals(
                2,
                Cli.run(
                        new SampleSequenceModel(quiet),
                        new String[] {"--count", "0", "--out", out.toString()},
                        Map.of(),
                        quiet,
                        quiet));
    }
}
