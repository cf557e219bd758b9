package dev.recsys.ranker.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.records.Erasure;
import dev.recsys.ranker.records.InvalidRecordException;
import org.junit.jupiter.api.Test;

class ErasureJsonTest {
    @Test
    void roundTrips() {
        Erasure erasure = new Erasure("shopper-\"7\"", 1_700_000_000_000L);
        assertEquals(erasure, ErasureJson.parse(ErasureJson.write(erasure)));
    }

    @Test
    void coversEventsUpToAndIncludingTheErasureTime() {
        Erasure erasure = new Erasure("u", 1_000);
        assertTrue(erasure.covers(999));
        assertTrue(erasure.covers(1_000));
        assertFalse(erasure.covers(1_001));
    }

    @Test
    void rejectsAMissingUserIdOrANegativeTimeNamingTheField() {
        assertEquals(
                "userId",
                assertThrows(InvalidRecordException.class, () -> ErasureJson.parse("{\"erasedAt\":5}"))
                        .field());
        assertEquals(
                "erasedAt",
                assertThrows(InvalidRecordException.class, () -> ErasureJson.parse("{\"userId\":\"u\"}"))
                        .field());
        assertEquals(
                "erasedAt",
                assertThrows(
                                InvalidRecordException.class,
                                () -> ErasureJson.parse("{\"userId\":\"u\",\"erasedAt\":-1}"))
                        .field());
    }
}
