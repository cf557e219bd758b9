package dev.recsys.index.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.ranker.json.DeadLetterJson;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterLogTest {
    private final DeadLetterLog log = new DeadLetterLog();

    private void letter(String value) {
        log.apply(new ConsumerRecord<>(
                "interactions-dlq", 0, 0, null, value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void keepsTheLatestTwentyNewestFirstAndCountsEveryOneByField() {
        for (int i = 0; i < 25; i++) {
            letter(DeadLetterJson.write("{\"n\":" + i + "}", i % 2 == 0 ? "ts" : null, "reason " + i, 1_000L + i));
        }
        letter(null); // a tombstone is no dead letter

        JsonNode json = log.toJson();
        assertEquals(25, json.path("total").asLong());
        assertEquals(13, json.path("byField").path("ts").asLong());
        assertEquals(12, json.path("byField").path(DeadLetterLog.WHOLE_RECORD).asLong());
        assertEquals(DeadLetterLog.KEPT, json.path("latest").size());
        assertEquals("reason 24", json.path("latest").get(0).path("reason").asText());
        assertEquals(1_024L, json.path("latest").get(0).path("rejectedAt").asLong());
        assertEquals("reason 5", json.path("latest").get(19).path("reason").asText());
        assertEquals(
                "'{\\\"n\\\":24}'", json.path("latest").get(0).path("record").asText());
    }

    @Test
    void aValueItCannotReadIsCountedNotThrown() {
        letter("{\"no\":\"reason\"}");
        letter("\u0000binary");
        letter(DeadLetterJson.write("x", "field\nwith a control character", "bad\u0007", 5L));

        JsonNode json = log.toJson();
        assertEquals(3, json.path("total").asLong());
        assertEquals(2, json.path("unreadable").asLong());
        assertEquals(1, json.path("latest").size());
        String field = json.path("latest").get(0).path("field").asText();
        assertTrue(
                !field.contains("\n")
                        && !json.path("latest").get(0).path("reason").asText().contains("\u0007"),
                json.toString());
    }
}
