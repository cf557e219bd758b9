package dev.recsys.ranker.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.records.InvalidRecordException;
import org.junit.jupiter.api.Test;

class CfModelJsonTest {
    @Test
    void roundTripKeepsEveryNumberExactly() {
        CfModel model = new CfModel(7, 2, 0.05, 12.5, new double[] {1.0000000001, 0.3, 0.3, 2});
        CfModel read = CfModelJson.parse(CfModelJson.write(model));

        assertEquals(7, read.generation());
        assertEquals(2, read.factors());
        assertEquals(0.05, read.lambda());
        assertEquals(12.5, read.alpha());
        assertArrayEquals(model.yty(), read.yty());
    }

    @Test
    void badFieldsAreNamed() {
        String[][] cases = {
            {"{\"generation\":1,\"factors\":2,\"lambda\":0.1,\"alpha\":1,\"yty\":[1,0,0]}", "yty"},
            {"{\"generation\":1,\"factors\":2,\"lambda\":0.1,\"alpha\":1,\"yty\":[1,0.5,0,1]}", "yty"},
            {"{\"generation\":1,\"factors\":0,\"lambda\":0.1,\"alpha\":1,\"yty\":[]}", "factors"},
            {"{\"generation\":1,\"factors\":1,\"lambda\":0,\"alpha\":1,\"yty\":[1]}", "lambda"},
            {"{\"generation\":1,\"factors\":1,\"lambda\":0.1,\"alpha\":-1,\"yty\":[1]}", "alpha"},
            {"{\"factors\":1,\"lambda\":0.1,\"alpha\":1,\"yty\":[1]}", "generation"},
        };
        for (String[] c : cases) {
            InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> CfModelJson.parse(c[0]));
            assertEquals(c[1], e.field(), c[0]);
        }
    }
}
