package dev.recsys.ranker.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonByteWriterTest {
    private static String written(java.util.function.Consumer<JsonByteWriter> write) {
        JsonByteWriter json = new JsonByteWriter(1); // tiny on purpose: every write has to grow it
        write.accept(json);
        return new String(json.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void longsAreWrittenAsLongToStringWritesThem() {
        long[] edges = {0, 1, -1, 9, 10, -10, 99, 100, 1_700_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long value : edges) {
            assertEquals(Long.toString(value), written(json -> json.number(value)));
        }
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            long value = random.nextLong() >> random.nextInt(64);
            assertEquals(Long.toString(value), written(json -> json.number(value)));
        }
    }

    @Test
    void stringsAreEscapedAndParseBackToTheSameText() {
        String[] texts = {
            "",
            "plain-id_42",
            "q\"b\\s/",
            "tab\tnl\ncr\rbs\bff\f",
            "\u0000\u001f\u007f",
            "café ünïcødé",
            "emoji \ud83d\uded2 cart",
            "line\u2028sep"
        };
        for (String text : texts) {
            String json = written(writer -> writer.string(text));
            assertEquals(text, Json.parseObject("{\"t\":" + json + "}").get("t").textValue(), json);
        }
        assertEquals("\"q\\\"b\\\\\"", written(writer -> writer.string("q\"b\\")));
        assertEquals("\"\\u0001\"", written(writer -> writer.string("\u0001")));
    }

    @Test
    void base64VectorsMatchTheVectorEncoding() {
        float[] vector = {0.5f, -1.25e-8f, Float.MIN_VALUE, Float.MAX_VALUE, 0f, -0f, 3f};
        assertEquals("\"" + VectorEncoding.toBase64(vector) + "\"", written(json -> json.base64(vector)));
        assertEquals("\"\"", written(json -> json.base64(new float[0])));
    }
}
