package dev.recsys.ingest.functions;

import static dev.recsys.ingest.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.ranker.records.Erasure;
import java.util.List;
import org.apache.flink.streaming.api.operators.StreamFlatMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParseErasureTest {
    private ParseErasure function;
    private OneInputStreamOperatorTestHarness<byte[], Erasure> harness;

    @BeforeEach
    void open() throws Exception {
        function = new ParseErasure();
        harness = new OneInputStreamOperatorTestHarness<>(new StreamFlatMap<>(function));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aValidErasureIsPassedOn() throws Exception {
        harness.processElement(bytes("{\"userId\":\"u1\",\"erasedAt\":1750000000000,\"by\":\"dpo\"}"), 1);

        assertEquals(List.of(new Erasure("u1", 1_750_000_000_000L)), harness.extractOutputValues());
        assertEquals(0, function.invalid().getCount());
    }

    @Test
    void malformedErasuresAreCountedAndSkippedWithoutStoppingTheJob() throws Exception {
        harness.processElement(bytes("not json"), 1);
        harness.processElement(bytes("{\"erasedAt\":1750000000000}"), 2);
        harness.processElement(bytes("{\"userId\":\"u1\",\"erasedAt\":-5}"), 3);
        harness.processElement(bytes("{\"userId\":\"u1\",\"erasedAt\":\"yesterday\"}"), 4);
        harness.processElement(new byte[] {(byte) 0xC3, (byte) 0x28}, 5);
        harness.processElement(bytes("{\"userId\":\"u2\",\"erasedAt\":1750000000000}"), 6);

        assertEquals(List.of(new Erasure("u2", 1_750_000_000_000L)), harness.extractOutputValues());
        assertEquals(5, function.invalid().getCount());
    }

    @Test
    void aTombstoneErasesNothingAndIsNoError() throws Exception {
        harness.processElement(new byte[0], 1);

        assertEquals(List.of(), harness.extractOutputValues());
        assertEquals(0, function.invalid().getCount());
    }
}
