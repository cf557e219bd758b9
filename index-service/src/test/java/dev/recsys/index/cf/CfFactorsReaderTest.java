package dev.recsys.index.cf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CfFactorsReaderTest {
    private static final String MODEL = "{\"factors\":2,\"lambda\":0.5,\"alpha\":3,\"yty\":[2,1,1,2]}";

    @TempDir
    Path dir;

    private CfFactorsReader.InvalidCfFactorsException upload(String text) {
        return assertThrows(
                CfFactorsReader.InvalidCfFactorsException.class,
                () -> CfFactorsReader.readUpload(new BufferedReader(new StringReader(text)), 2));
    }

    @Test
    void readsWhatTrainWrites() throws Exception {
        Files.writeString(dir.resolve(CfFactorsReader.MODEL_FILE), MODEL + "\n");
        // cf as numbers or as base64 float32 ([1.0, 0.5])
        Files.writeString(
                dir.resolve(CfFactorsReader.ITEMS_FILE),
                "{\"itemId\":\"a\",\"cf\":[0.25,-1]}\n\n{\"itemId\":\"b\",\"cf\":\"AACAPwAAAD8=\"}\n");
        CfFactors factors = CfFactorsReader.readDirectory(dir, "cfFactors");
        assertEquals(2, factors.factors());
        assertArrayEquals(new float[] {0.25f, -1f}, factors.factor("a"));
        assertArrayEquals(new float[] {1f, 0.5f}, factors.factor("b"));
        assertNull(factors.factor("c"));
        var model = factors.model(9);
        assertEquals(9, model.generation());
        assertEquals(0.5, model.lambda());
        assertEquals(3, model.alpha());
        assertArrayEquals(new double[] {2, 1, 1, 2}, model.yty());
    }

    @Test
    void aMissingFileNamesTheFlag() {
        var e = assertThrows(
                CfFactorsReader.InvalidCfFactorsException.class, () -> CfFactorsReader.readDirectory(dir, "--cf"));
        assertEquals("--cf", e.field());
        assertTrue(e.getMessage().contains(CfFactorsReader.MODEL_FILE), e.getMessage());
    }

    @Test
    void badLinesAreReportedWithLineAndField() {
        var dimension = upload(MODEL + "\n{\"itemId\":\"a\",\"cf\":[1,2,3]}\n");
        assertEquals("cf", dimension.field());
        assertTrue(dimension.getMessage().startsWith("line 3: field 'cf': has 3 numbers"), dimension.getMessage());

        var twice = upload(MODEL + "\n{\"itemId\":\"a\",\"cf\":[1,2]}\n{\"itemId\":\"a\",\"cf\":[1,2]}\n");
        assertEquals("itemId", twice.field());
        assertTrue(twice.getMessage().startsWith("line 4:"), twice.getMessage());

        var notFinite = upload(MODEL + "\n{\"itemId\":\"a\",\"cf\":[1,\"x\"]}\n");
        assertEquals("cf", notFinite.field());

        var asymmetric =
                upload("{\"factors\":2,\"lambda\":1,\"alpha\":1,\"yty\":[1,0,5,1]}\n{\"itemId\":\"a\",\"cf\":[1,2]}");
        assertEquals("yty", asymmetric.field());
        assertTrue(asymmetric.getMessage().startsWith("line 2:"), asymmetric.getMessage());

        var withGeneration = upload("{\"generation\":3,\"factors\":2,\"lambda\":1,\"alpha\":1,\"yty\":[1,0,0,1]}\n");
        assertEquals("generation", withGeneration.field());

        var noItems = upload(MODEL + "\n");
        assertTrue(noItems.getMessage().contains("no item factors"), noItems.getMessage());
    }
}
